package social.support.error;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import social.contract.ErrorCode;
import social.contract.ErrorReply;
import social.support.text.TextRules;

/** Collects every field error of a request, then refuses it once with all of them. */
public final class Validation {
    static final String FORBIDDEN_CHARACTERS = "must not contain control or bidi override characters";

    private final List<ErrorReply.FieldError> errors = new ArrayList<>();

    public static Validation start() {
        return new Validation();
    }

    public Validation require(boolean valid, String field, String message) {
        if (!valid) {
            errors.add(new ErrorReply.FieldError(field, message));
        }
        return this;
    }

    /**
     * A single-line text of {@code minLength} to {@code maxLength} code points, free of the
     * characters {@link TextRules} forbids; visibly empty text counts as blank.
     */
    public Validation requireText(String value, String field, int minLength, int maxLength) {
        if (TextRules.hasForbiddenCharacters(value)) {
            return require(false, field, FORBIDDEN_CHARACTERS);
        }
        return requireLength(value, field, minLength, maxLength);
    }

    /** As {@link #requireText}, for text that may span lines (line feeds and tabs allowed). */
    public Validation requireMultilineText(String value, String field, int minLength, int maxLength) {
        if (TextRules.hasForbiddenMultilineCharacters(value)) {
            return require(false, field, FORBIDDEN_CHARACTERS);
        }
        return requireLength(value, field, minLength, maxLength);
    }

    /** A text of any length (or absent), free of the characters {@link TextRules} forbids. */
    public Validation requireCleanText(String value, String field) {
        return require(!TextRules.hasForbiddenCharacters(value), field, FORBIDDEN_CHARACTERS);
    }

    /** A password (or absent) free of control characters; see {@link TextRules#hasForbiddenPasswordCharacters}. */
    public Validation requireCleanPassword(String value, String field) {
        return require(!TextRules.hasForbiddenPasswordCharacters(value), field, "must not contain control characters");
    }

    private Validation requireLength(String value, String field, int minLength, int maxLength) {
        if (TextRules.isVisiblyEmpty(value)) {
            return require(minLength == 0 && value != null, field, "must not be blank");
        }
        int length = value.codePointCount(0, value.length());
        return require(
                length >= minLength && length <= maxLength,
                field,
                "must be " + minLength + " to " + maxLength + " characters");
    }

    public Validation requireMatch(String value, Pattern pattern, String field, String message) {
        return require(value != null && pattern.matcher(value).matches(), field, message);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Throws a validation failure carrying every collected field error, if there is one. */
    public void orThrow() {
        if (!errors.isEmpty()) {
            throw new ServiceException(
                    new ErrorReply(ErrorCode.VALIDATION_FAILED, "The request is not valid.", errors, null));
        }
    }
}
