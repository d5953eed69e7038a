package dev.orderhub.exception;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderhub.edi.EdiFailure;
import dev.orderhub.exception.ProcessException.Category;
import dev.orderhub.lifecycle.IllegalMoveException;
import dev.orderhub.lifecycle.Move;
import dev.orderhub.mapping.MappingException;
import dev.orderhub.order.FieldError;
import dev.orderhub.order.OrderValidationException;
import dev.orderhub.payment.PaymentDeclinedException;
import java.util.List;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;

/** A failure that names its category keeps it; any other failure takes the category its step declares. */
class ProcessExceptionCategoryTest {

    @Test
    void aFailureWithoutACategoryOfItsOwnTakesTheStepsCategory() {
        assertThat(ProcessExceptions.categoryOf(new PaymentDeclinedException("declined"), Category.PAYMENT))
                .isEqualTo(Category.PAYMENT);
        assertThat(ProcessExceptions.categoryOf(new CannotAcquireLockException("lock"), Category.FULFILLMENT))
                .isEqualTo(Category.FULFILLMENT);
        assertThat(ProcessExceptions.categoryOf(new TransientFailure("timeout"), Category.TAX))
                .isEqualTo(Category.TAX);
    }

    @Test
    void aFailureThatNamesItsCategoryKeepsItWhateverTheStep() {
        assertThat(ProcessExceptions.categoryOf(new MappingException("no mapping"), Category.INVOICING))
                .isEqualTo(Category.MAPPING);
        assertThat(ProcessExceptions.categoryOf(new EdiFailure("unknown sender"), Category.INVOICING))
                .isEqualTo(Category.EDI);
        assertThat(ProcessExceptions.categoryOf(
                        new IllegalMoveException("o-1", Move.APPROVE, "needs ACCEPTED"), Category.PAYMENT))
                .isEqualTo(Category.LIFECYCLE);
        assertThat(ProcessExceptions.categoryOf(
                        new OrderValidationException(List.of(new FieldError("lines", "required"))), Category.TAX))
                .isEqualTo(Category.VALIDATION);
    }

    @Test
    void aNestedCategoryIsFound() {
        assertThat(ProcessExceptions.categoryOf(
                        new RuntimeCamelException(new MappingException("bad")), Category.FULFILLMENT))
                .isEqualTo(Category.MAPPING);
    }
}
