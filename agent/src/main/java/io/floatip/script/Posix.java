package io.floatip.script;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The libc calls the script runner needs: signals to a whole process group. */
interface Posix extends Library {
    Posix INSTANCE = Native.load("c", Posix.class);

    int SIGKILL = 9;
    int SIGTERM = 15;

    /** kill(2); a negative pid signals that process group. */
    int kill(int pid, int signal);
}
