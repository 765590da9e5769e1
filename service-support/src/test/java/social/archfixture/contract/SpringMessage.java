package social.archfixture.contract;

import org.springframework.util.Assert;

/** A message that needs Spring. */
public record SpringMessage(String text) {
    public SpringMessage {
        Assert.hasText(text, "text");
    }
}
