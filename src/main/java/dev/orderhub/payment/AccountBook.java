package dev.orderhub.payment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The accounts connector: B2B accounts with their terms, credit limit and blocked flag. */
public class AccountBook {
    private final Map<String, Account> accounts;

    AccountBook(List<Account> accounts) {
        this.accounts = accounts.stream().collect(Collectors.toMap(Account::accountId, Function.identity()));
    }

    public Optional<Account> find(String accountId) {
        return Optional.ofNullable(accountId).map(accounts::get);
    }

    /** One account as the connector file describes it. */
    public record Account(String accountId, String name, String terms, BigDecimal creditLimit, boolean blocked) {}
}
