package dev.orderhub.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The REST API's OpenAPI 3.1 description (springdoc): /v3/api-docs and Swagger UI at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI orderhubOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("orderhub")
                        .version("1")
                        .description("The order hub's REST API. Every endpoint but the signed webhooks needs an API"
                                + " key in the X-Api-Key header with the role the operation names (x-roles); admin"
                                + " may call every endpoint. Failures are RFC 9457 problem+json."))
                .components(new Components()
                        .addSecuritySchemes(
                                ApiDescription.API_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name(ApiKeyFilter.HEADER)))
                .addSecurityItem(new SecurityRequirement().addList(ApiDescription.API_KEY));
    }

    /** Per handler: the body a webhook reads itself, and the 413 and 415 an operation with a body may answer. */
    @Bean
    OperationCustomizer orderhubRequestBodies() {
        return new RequestBodies();
    }

    /** The whole document: schemas, roles, success content and every problem an operation may answer. */
    @Bean
    OpenApiCustomizer orderhubApiDescription() {
        return new ApiDescription(JsonSchemaComponents.load());
    }
}
