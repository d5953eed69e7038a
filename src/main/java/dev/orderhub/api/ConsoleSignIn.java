package dev.orderhub.api;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Signs a console user in by an API key typed into the sign-in form (field {@value #KEY_FIELD}); only a key with
 * the operator or admin role opens a session. The session then carries the key's name and roles, never the key.
 */
class ConsoleSignIn implements AuthenticationProvider {
    static final String PAGE = "/console/sign-in";
    static final String KEY_FIELD = "apiKey";

    private final ApiKeys keys;

    ConsoleSignIn(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        Object presented = attempt.getCredentials();
        return keys.principal(presented == null ? null : presented.toString())
                .filter(principal -> principal.roles().contains(Role.OPERATOR)
                        || principal.roles().contains(Role.ADMIN))
                .map(principal -> UsernamePasswordAuthenticationToken.authenticated(
                        principal.name(),
                        null,
                        principal.roles().stream().map(Role::authority).toList()))
                .orElseThrow(() -> new BadCredentialsException("not an API key of an operator or admin"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
