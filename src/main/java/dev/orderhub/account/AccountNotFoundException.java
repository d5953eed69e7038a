package dev.orderhub.account;

/** No account with this id in the accounts connector. */
public class AccountNotFoundException extends RuntimeException {
    AccountNotFoundException(String accountId) {
        super("no account " + accountId);
    }
}
