package dev.orderhub.support;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;

/** What a JMS subscriber reads from the hub's messages. */
public final class JmsMessages {
    private JmsMessages() {}

    /** A message's body as text, whether the broker delivers it as a text or a bytes message. */
    public static String body(Message message) {
        try {
            return message instanceof TextMessage
                    ? message.getBody(String.class)
                    : new String(message.getBody(byte[].class), StandardCharsets.UTF_8);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
