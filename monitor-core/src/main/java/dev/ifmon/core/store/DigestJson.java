package dev.ifmon.core.store;

import dev.ifmon.api.Digest;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper for ifmon's data files: records as objects, times as ISO-8601 text with their offset
 * kept (a digest's round time stays in the zone it is shown in), unknown properties ignored so a newer
 * file can be read by an older version. Thread-safe.
 */
public final class DigestJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private DigestJson() {
    }

    /** @return the shared mapper; configured once, never changed */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @param digest a digest
     * @return it as UTF-8 JSON
     */
    public static byte[] write(Digest digest) {
        return MAPPER.writeValueAsBytes(digest);
    }

    /**
     * @param json UTF-8 JSON written by {@link #write}
     * @return the digest
     * @throws tools.jackson.core.JacksonException when the JSON is not a digest
     */
    public static Digest read(byte[] json) {
        return MAPPER.readValue(json, Digest.class);
    }
}
