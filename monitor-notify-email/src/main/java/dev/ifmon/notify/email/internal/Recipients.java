package dev.ifmon.notify.email.internal;

import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * The addresses one mail goes to. Immutable.
 *
 * @param to the main recipients
 * @param cc the copied recipients
 */
public record Recipients(List<InternetAddress> to, List<InternetAddress> cc) {

    /** Copies the lists. */
    public Recipients {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
    }

    /** @return no recipients */
    public static Recipients none() {
        return new Recipients(List.of(), List.of());
    }

    /**
     * @param more recipients to add
     * @return these recipients and the others, each address once (the first mention wins)
     */
    public Recipients plus(Recipients more) {
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        List<InternetAddress> allTo = distinct(to, more.to, seen);
        List<InternetAddress> allCc = distinct(cc, more.cc, seen);
        return new Recipients(allTo, allCc);
    }

    /** @return how many addresses in all */
    public int count() {
        return to.size() + cc.size();
    }

    private static List<InternetAddress> distinct(
            List<InternetAddress> first, List<InternetAddress> second, LinkedHashSet<String> seen) {
        List<InternetAddress> result = new ArrayList<>();
        for (List<InternetAddress> list : List.of(first, second)) {
            for (InternetAddress address : list) {
                if (seen.add(address.getAddress().toLowerCase(Locale.ROOT))) {
                    result.add(address);
                }
            }
        }
        return result;
    }
}
