package dev.orderhub.edi;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

/** Control numbers kept in table edi_control_numbers, handed out under a row lock so that none repeats. */
@Component
class JdbcControlNumbers implements ControlNumbers {
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    JdbcControlNumbers(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        TransactionTemplate own = new TransactionTemplate(transaction.getTransactionManager());
        own.setPropagationBehavior(Propagation.REQUIRES_NEW.value());
        this.transaction = own;
    }

    @Override
    public long next(String partnerId, String kind) {
        try {
            return transaction.execute(tx -> take(partnerId, kind));
        } catch (DuplicateKeyException firstUseRaced) {
            // another thread made the partner's first number at the same time: its row exists now, lock it
            return transaction.execute(tx -> take(partnerId, kind));
        }
    }

    private long take(String partnerId, String kind) {
        Long last = jdbc.sql(
                        "SELECT last_value FROM edi_control_numbers WHERE partner_id = :p AND kind = :k FOR UPDATE")
                .param("p", partnerId)
                .param("k", kind)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (last == null) {
            jdbc.sql("INSERT INTO edi_control_numbers (partner_id, kind, last_value) VALUES (:p, :k, 1)")
                    .param("p", partnerId)
                    .param("k", kind)
                    .update();
            return 1L;
        }
        jdbc.sql("UPDATE edi_control_numbers SET last_value = :v WHERE partner_id = :p AND kind = :k")
                .param("v", last + 1)
                .param("p", partnerId)
                .param("k", kind)
                .update();
        return last + 1;
    }
}
