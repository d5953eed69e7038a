package dev.orderhub.order;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class OrderConfiguration {

    @Bean
    JsonMapperBuilderCustomizer orderJsonShape() {
        return OrderJson::configure;
    }

    @Bean
    OrderValidator orderValidator(
            JsonMapper json, @Value("${orderhub.orders.max-lines:" + OrderValidator.MAX_LINES + "}") int maxLines) {
        return new OrderValidator(json, maxLines);
    }
}
