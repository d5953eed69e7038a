package dev.orderhub.intake;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.springframework.jms.support.converter.SimpleMessageConverter;
import org.springframework.stereotype.Component;

/**
 * How a JMS channel reads a message's body ({@code messageConverter: "#jmsChannelBodies"} on its endpoint): a
 * TextMessage's text and a BytesMessage's bytes, as Camel would; any other kind is described instead of read, so
 * that an ObjectMessage is never deserialized and its process exception still keeps what was sent.
 */
@Component("jmsChannelBodies")
class JmsChannelBodies extends SimpleMessageConverter {
    @Override
    public Object fromMessage(Message message) throws JMSException {
        return readable(message) ? super.fromMessage(message) : "(a JMS " + kind(message) + ", not read)";
    }

    static boolean readable(Message message) {
        return message instanceof TextMessage || message instanceof BytesMessage;
    }

    static String kind(Message message) {
        if (message instanceof ObjectMessage) {
            return "ObjectMessage";
        }
        if (message instanceof MapMessage) {
            return "MapMessage";
        }
        return message instanceof StreamMessage ? "StreamMessage" : "message with no body";
    }
}
