package social.support.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The group of addresses one client controls, which limits count per: an IPv4 address as is,
 * an IPv6 address by its /64 prefix (one subscriber commonly gets a whole /64, so counting
 * single IPv6 addresses would give an attacker 2^64 fresh counters). The one definition for every
 * per-address limit: the gateway's (rate limit, invalid-token throttle, stream and request caps)
 * and auth-service's (login, password and registration throttles).
 */
public final class ClientAddress {
    // only literal addresses are parsed: InetAddress would resolve a host name
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[\\w.]+)?");

    private ClientAddress() {}

    /** The group key of {@code address} as the gateway saw it; "unknown" when it was not given. */
    public static String groupOf(String address) {
        if (address == null || address.isBlank()) {
            return "unknown";
        }
        String trimmed = address.strip();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (!LITERAL.matcher(trimmed).matches()) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        try {
            byte[] bytes = InetAddress.getByName(trimmed).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            if (isIpv4Mapped(bytes)) {
                return InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16))
                        .getHostAddress();
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF)))
                        .append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }
}
