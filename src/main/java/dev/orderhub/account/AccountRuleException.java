package dev.orderhub.account;

/**
 * A refused account servicing request, naming the rule it broke; a conflict is a request that contradicts what is
 * recorded (a payment reference already used for another amount).
 */
public class AccountRuleException extends RuntimeException {
    private final String rule;
    private final boolean conflict;

    private AccountRuleException(String rule, String message, boolean conflict) {
        super(message);
        this.rule = rule;
        this.conflict = conflict;
    }

    static AccountRuleException refused(String rule, String message) {
        return new AccountRuleException(rule, message, false);
    }

    static AccountRuleException conflict(String rule, String message) {
        return new AccountRuleException(rule, message, true);
    }

    public String rule() {
        return rule;
    }

    public boolean conflict() {
        return conflict;
    }
}
