package dev.orderhub.api;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** What an API key may do; admin may do everything. */
enum Role {
    INGEST,
    OPERATOR,
    ADMIN;

    /** The Spring Security authority of this role ({@code ROLE_INGEST}, …). */
    GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }
}
