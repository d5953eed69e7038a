package dev.orderhub.order;

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
    OrderValidator orderValidator(JsonMapper json) {
        return new OrderValidator(json);
    }
}
