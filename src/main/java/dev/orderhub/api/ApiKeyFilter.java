package dev.orderhub.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its {@code X-Api-Key}: a known key becomes an {@link ApiKeyPrincipal} with its roles as
 * authorities. No or an unknown key leaves the request anonymous; the rules in {@link SecurityConfiguration} then
 * answer 401 where a role is needed.
 */
class ApiKeyFilter extends OncePerRequestFilter {
    static final String HEADER = "X-Api-Key";

    private final ApiKeys keys;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        keys.principal(request.getHeader(HEADER)).ifPresent(principal -> {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(new PreAuthenticatedAuthenticationToken(
                    principal,
                    null,
                    principal.roles().stream().map(Role::authority).toList()));
            contexts.setContext(context);
        });
        chain.doFilter(request, response);
    }
}
