package dev.orderhub.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every request but health by its {@code X-Api-Key}: no or unknown key is 401, a key without the
 * role the request needs is 403. Channel webhooks that sign their bodies authenticate by signature instead.
 */
@Component
public class ApiKeyFilter extends OncePerRequestFilter {
    static final String HEADER = "X-Api-Key";

    private final ApiKeys keys;

    public ApiKeyFilter(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || path.startsWith("/api/channels/shopify/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Set<Role>> roles = keys.roles(request.getHeader(HEADER));
        if (roles.isEmpty()) {
            Problems.write(response, HttpStatus.UNAUTHORIZED, "a valid API key is required in the X-Api-Key header");
            return;
        }
        Role needed = requiredRole(request.getMethod(), request.getRequestURI());
        if (!roles.get().contains(Role.ADMIN) && !roles.get().contains(needed)) {
            Problems.write(response, HttpStatus.FORBIDDEN, "this API key lacks the role " + needed.name().toLowerCase());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Posting orders and channel payloads is ingest; reading and acting on orders and exceptions is operator. */
    static Role requiredRole(String method, String path) {
        boolean post = "POST".equalsIgnoreCase(method);
        if (post && (path.equals("/api/orders") || path.startsWith("/api/channels/"))) {
            return Role.INGEST;
        }
        return Role.OPERATOR;
    }
}
