package dev.orderhub.edi;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * Hands written X12 documents to the partner's outbound route (a folder or SFTP, written under a temporary name and
 * renamed).
 */
@Component
class EdiOutbox {
    private final ProducerTemplate producer;
    private final X12Writer writer;

    EdiOutbox(ProducerTemplate producer, ControlNumbers numbers) {
        this.producer = producer;
        this.writer = new X12Writer(numbers);
    }

    X12Writer writer() {
        return writer;
    }

    void write(String partnerId, X12Document document) {
        producer.sendBodyAndHeader("direct:partner-outbound-" + partnerId, document.text(), Exchange.FILE_NAME,
                document.fileName());
    }
}
