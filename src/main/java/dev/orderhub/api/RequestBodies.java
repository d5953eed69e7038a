package dev.orderhub.api;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * What a handler's request body means for its operation, read from the handler itself: a body the handler reads as a
 * stream (the signed webhooks, which verify the bytes before parsing them) is described from the mapping's
 * {@code consumes}; an operation that takes a body may answer 413 ({@link RequestSizeFilter}), and one whose body is
 * converted by its type (JSON) or restricted by {@code consumes} answers another content type with 415. The problem
 * content of these answers is added by {@link ApiDescription} with the others.
 */
class RequestBodies implements OperationCustomizer {
    static final String TOO_LARGE = "413";
    static final String UNSUPPORTED = "415";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        String[] consumes = mapping == null ? new String[0] : mapping.consumes();
        boolean streamed = Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> InputStream.class.isAssignableFrom(p.getParameterType()));
        Optional<MethodParameter> converted = Arrays.stream(handler.getMethodParameters())
                .filter(p -> p.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class))
                .findFirst();
        if (streamed && operation.getRequestBody() == null) {
            Content content = new Content();
            for (String type : consumes.length == 0 ? new String[] {"application/json"} : consumes) {
                content.addMediaType(type, new MediaType().schema(new JsonSchema().types(Set.of("object"))));
            }
            operation.setRequestBody(new RequestBody()
                    .required(true)
                    .description("The payload as the sender signed it")
                    .content(content));
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (streamed || converted.isPresent()) {
            responses.addApiResponse(TOO_LARGE, new ApiResponse());
        }
        boolean typed = converted
                .map(p -> p.getParameterType() != byte[].class && p.getParameterType() != String.class)
                .orElse(false);
        if (consumes.length > 0 || typed) {
            responses.addApiResponse(UNSUPPORTED, new ApiResponse());
        }
        operation.setResponses(responses);
        return operation;
    }
}
