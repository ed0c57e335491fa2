package io.floatip.doctor;

import java.util.List;
import java.util.Map;

/**
 * What listening on some interfaces found.
 *
 * @param heard     per interface, each advert heard in order
 * @param undecoded per interface, frames of protocol 112 that were not valid adverts, by drop reason
 * @param errors    per interface that could not be listened on, why
 */
public record Listening(Map<String, List<Advert>> heard, Map<String, Map<String, Integer>> undecoded,
        Map<String, String> errors) {

    public Listening {
        heard = Map.copyOf(heard);
        undecoded = Map.copyOf(undecoded);
        errors = Map.copyOf(errors);
    }
}
