package social.gateway.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.type.LogicalType;

/**
 * Every string of a request body is well-formed UTF-16. JSON lets a string spell a lone
 * surrogate ({@code "\ud800"}), which no UTF-8 text can carry: the gateway read it, then failed
 * writing the message to the service (a 500 with a stack trace in the log). Refused here as the
 * body is read, so it is a 400 like any other body that is not JSON of the expected shape.
 */
final class WellFormedStrings extends StdScalarDeserializer<String> {
    WellFormedStrings() {
        super(String.class);
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null && hasLoneSurrogate(value)) {
            throw context.weirdStringException(value, String.class, "a lone surrogate is no character");
        }
        return value;
    }

    static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
            if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
