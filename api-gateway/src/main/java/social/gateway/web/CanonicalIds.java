package social.gateway.web;

import java.beans.PropertyEditorSupport;
import java.util.Optional;
import java.util.UUID;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Ids are opaque strings to clients; only a UUID in its 36-character form can name anything.
 * Bound this way, any other id in a path is a type mismatch, which {@link ApiExceptionHandler}
 * answers as 404 like an unknown id, without asking a service. (Spring's own binding would take
 * {@code 1-2-3-4-5}, or an id with blanks around it, and ask. It must be a property editor: when a
 * converter refuses, Spring falls back to its lenient default editor for UUIDs.)
 */
@ControllerAdvice
public class CanonicalIds {

    @InitBinder
    void bindUuidsStrictly(WebDataBinder binder) {
        binder.registerCustomEditor(UUID.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(parse(text).orElseThrow(() -> new IllegalArgumentException("not a UUID")));
            }
        });
    }

    /** The UUID {@code text} spells, if it spells one in full. */
    public static Optional<UUID> parse(String text) {
        try {
            if (text.length() == 36) {
                return Optional.of(UUID.fromString(text));
            }
        } catch (IllegalArgumentException e) {
            // not a UUID either
        }
        return Optional.empty();
    }
}
