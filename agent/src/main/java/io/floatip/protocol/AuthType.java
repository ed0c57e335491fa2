package io.floatip.protocol;

/** RFC 3768 5.3.6: VRRPv2 authentication types. Type 2 (IP AH) is obsolete but still decodes. */
public enum AuthType {
    NONE(0),
    PASS(1),
    AH(2);

    private final int wireValue;

    AuthType(int wireValue) {
        this.wireValue = wireValue;
    }

    public int wireValue() {
        return wireValue;
    }

    /** The type for a wire value, or null when unknown. */
    public static AuthType fromWire(int value) {
        for (AuthType t : values()) {
            if (t.wireValue == value) {
                return t;
            }
        }
        return null;
    }
}
