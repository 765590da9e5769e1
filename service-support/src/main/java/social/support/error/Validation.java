package social.support.error;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import social.contract.ErrorCode;
import social.contract.ErrorReply;

/** Collects every field error of a request, then refuses it once with all of them. */
public final class Validation {
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

    public Validation requireText(String value, String field, int minLength, int maxLength) {
        if (value == null || value.isBlank()) {
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
