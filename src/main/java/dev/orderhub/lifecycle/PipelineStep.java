package dev.orderhub.lifecycle;

/** The steps the pipeline runs by itself, in order; {@link Lifecycle#actsOn} says which statuses each one acts on. */
public enum PipelineStep {
    ACCEPT,
    ENSURE_FUNDS,
    ALLOCATE,
    INVOICE
}
