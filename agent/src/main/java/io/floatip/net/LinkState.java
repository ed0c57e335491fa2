package io.floatip.net;

/**
 * An interface's state as RTM_NEWLINK/RTM_DELLINK report it.
 *
 * @param ifIndex ifi_index
 * @param name    IFLA_IFNAME
 * @param up      IFF_UP: administratively up
 * @param lowerUp IFF_LOWER_UP or IFF_RUNNING: carrier present, frames can flow
 * @param deleted the message was RTM_DELLINK
 */
public record LinkState(int ifIndex, String name, boolean up, boolean lowerUp, boolean deleted) {

    /** Up and with carrier: usable for a virtual address. */
    public boolean usable() {
        return up && lowerUp && !deleted;
    }
}
