package social.gateway.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies must have the types API.md gives: {@code "content": 123} or
 * {@code "notify": "true"} is a 400, not silently coerced; and a string must be text: a lone
 * surrogate ({@code "\ud800"}) is a 400 too ({@link WellFormedStrings}).
 */
@Component
class StrictJson implements JsonMapperBuilderCustomizer {
    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.addModule(
                new SimpleModule("well-formed-strings").addDeserializer(String.class, new WellFormedStrings()));
        builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        builder.withCoercionConfig(
                LogicalType.Textual,
                config -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
        builder.withCoercionConfig(
                LogicalType.Boolean,
                config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
        builder.withCoercionConfig(
                LogicalType.Integer,
                config -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
    }
}
