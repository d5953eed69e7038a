package dev.orderhub.api;

import jakarta.servlet.DispatcherType;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what. Every request but health, the signed Shopify and EasyPost webhooks and the API description
 * (OpenAPI, Swagger UI) needs an API key
 * ({@link ApiKeyFilter}); posting orders and channel payloads needs ingest, posting ERP confirmations erp, everything
 * else operator; admin may do all. No or an unknown key
 * is 401, a key without the role 403, both as problem+json. Stateless: no sessions, no cookies, so no CSRF. The
 * browser console under /console has its own chain with sessions (signed in by an operator's or admin's key).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
    /**
     * Paths anyone may call: health, the Shopify and EasyPost webhooks (they authenticate by their signature) and the
     * API's description (OpenAPI and Swagger UI), which shows no data.
     */
    static final String[] OPEN = {
        "/actuator/health",
        "/actuator/health/**",
        "/api/channels/shopify/**",
        "/api/carriers/easypost/**",
        "/v3/api-docs",
        "/v3/api-docs.yaml",
        "/v3/api-docs/**",
        "/swagger-ui.html",
        "/swagger-ui/**"
    };
    /** POSTs that need ingest. */
    static final String[] INGEST_POSTS = {"/api/orders", "/api/channels/**"};
    /** POSTs that need erp. */
    static final String[] ERP_POSTS = {"/api/erp/confirmations"};

    /**
     * The browser console: a session made by signing in with an API key of role operator or admin (form login,
     * CSRF on every form, the session cookie as server.servlet.session.cookie.* sets it). API keys in headers count
     * for nothing here.
     */
    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, ApiKeys keys) throws Exception {
        return http.securityMatcher("/console", "/console/**")
                .authenticationManager(new ProviderManager(new ConsoleSignIn(keys)))
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(form -> form.loginPage(ConsoleSignIn.PAGE)
                        .passwordParameter(ConsoleSignIn.KEY_FIELD)
                        .defaultSuccessUrl("/console")
                        .failureUrl(ConsoleSignIn.PAGE + "?error")
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/console/sign-out")
                        .logoutSuccessUrl(ConsoleSignIn.PAGE + "?signedOut")
                        .deleteCookies("JSESSIONID"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/console/assets/**", ConsoleSignIn.PAGE)
                        .permitAll()
                        .anyRequest()
                        .access(needs(Role.OPERATOR)))
                .build();
    }

    /** GETs the console's session may make without a key: reports and the PDF of an invoice or a credit memo. */
    static final String[] CONSOLE_DOWNLOADS = {
        "/api/reports/**", "/api/invoices/{number}.pdf", "/api/credit-memos/{number}.pdf"
    };

    /**
     * Downloads from the console ({@link #CONSOLE_DOWNLOADS}): such a GET without an API key is answered for a console
     * session of an operator (read only: no session is made here); with a key the API chain decides as for any call.
     */
    @Bean
    @Order(2)
    SecurityFilterChain reportsForConsole(HttpSecurity http) throws Exception {
        return http.securityMatcher(request -> HttpMethod.GET.matches(request.getMethod())
                        && request.getHeader(ApiKeyFilter.HEADER) == null
                        && matches(
                                CONSOLE_DOWNLOADS,
                                request.getRequestURI()
                                        .substring(request.getContextPath().length())))
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .authorizeHttpRequests(requests -> requests.anyRequest().access(needs(Role.OPERATOR)))
                .exceptionHandling(
                        failures -> failures.authenticationEntryPoint((request, response, e) -> Problems.write(
                                request,
                                response,
                                HttpStatus.UNAUTHORIZED,
                                "a valid API key is required in the X-Api-Key header")))
                .build();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyFilter(keys), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(OPEN)
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, INGEST_POSTS)
                        .access(needs(Role.INGEST))
                        .requestMatchers(HttpMethod.POST, ERP_POSTS)
                        .access(needs(Role.ERP))
                        .anyRequest()
                        .access(needs(Role.OPERATOR)))
                .exceptionHandling(failures -> failures.authenticationEntryPoint(
                                (request, response, e) -> Problems.write(
                                        request,
                                        response,
                                        HttpStatus.UNAUTHORIZED,
                                        "a valid API key is required in the X-Api-Key header"))
                        .accessDeniedHandler((request, response, e) -> Problems.write(
                                request,
                                response,
                                HttpStatus.FORBIDDEN,
                                e instanceof AuthorizationDeniedException denied
                                                && denied.getAuthorizationResult() instanceof RoleDecision decision
                                        ? "this API key lacks the role "
                                                + decision.role().name().toLowerCase()
                                        : "this API key may not do this")))
                .build();
    }

    /**
     * The role a request needs by the rules of {@link #api}, empty for an open path; what the API description
     * states. Admin may do all.
     */
    static Optional<Role> needed(HttpMethod method, String path) {
        if (matches(OPEN, path)) {
            return Optional.empty();
        }
        if (HttpMethod.POST.equals(method) && matches(INGEST_POSTS, path)) {
            return Optional.of(Role.INGEST);
        }
        if (HttpMethod.POST.equals(method) && matches(ERP_POSTS, path)) {
            return Optional.of(Role.ERP);
        }
        return Optional.of(Role.OPERATOR);
    }

    private static boolean matches(String[] patterns, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return Stream.of(patterns)
                .anyMatch(pattern ->
                        PathPatternParser.defaultInstance.parse(pattern).matches(container));
    }

    /** Grants a key with the role, or admin; a refusal names the role for the 403 answer. */
    static AuthorizationManager<RequestAuthorizationContext> needs(Role role) {
        return (Supplier<? extends Authentication> authentication, RequestAuthorizationContext request) -> {
            boolean granted = authentication.get().getAuthorities().stream()
                    .anyMatch(held -> held.equals(role.authority()) || held.equals(Role.ADMIN.authority()));
            return new RoleDecision(granted, role);
        };
    }

    /** The decision of {@link #needs(Role)}, remembering the role. */
    static final class RoleDecision extends AuthorizationDecision {
        private final Role role;

        RoleDecision(boolean granted, Role role) {
            super(granted);
            this.role = role;
        }

        Role role() {
            return role;
        }
    }
}
