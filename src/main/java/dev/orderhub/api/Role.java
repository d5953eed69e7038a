package dev.orderhub.api;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What an API key may do; admin may do everything. */
enum Role {
    INGEST,
    OPERATOR,
    /** The ERP answering shipments on POST /api/erp/confirmations, and nothing else. */
    ERP,
    ADMIN;

    /** The Spring Security authority of this role ({@code ROLE_INGEST}, …). */
    GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }
}
