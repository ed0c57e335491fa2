/*
 * How late a SCHED_RR thread wakes for a datagram, with no JVM involved: one RR thread sends its clock over
 * loopback every 20 ms, another (priority 10, as floatip's realtime_priority: 10) takes it and keeps the worst
 * delay. Run it beside a load to tell the kernel's share of a late advert from the agent's:
 *   gcc -O2 -o /tmp/rt-wake agent/bench/rt-wake.c && sudo /tmp/rt-wake 30
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

int main(int argc, char **argv) {
    int seconds = argc > 1 ? atoi(argv[1]) : 30;
    struct sched_param rr = {.sched_priority = 10};
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(45678)};
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    if (fork() == 0) {
        if (sched_setscheduler(0, SCHED_RR, &rr) != 0) {
            perror("sched_setscheduler");
            return 1;
        }
        int in = socket(AF_INET, SOCK_DGRAM, 0);
        if (bind(in, (struct sockaddr *) &to, sizeof to) != 0) {
            perror("bind");
            return 1;
        }
        long worst = 0, late = 0, n = 0, sent;
        while (recv(in, &sent, sizeof sent, 0) == sizeof sent && sent != 0) {
            long delay = now_ns() - sent;
            worst = delay > worst ? delay : worst;
            late += delay > 10000000L; /* later than the shortest advert interval */
            n++;
        }
        printf("%ld datagrams, worst wake-up %.2f ms, %ld later than 10 ms\n", n, worst / 1e6, late);
        return 0;
    }
    if (sched_setscheduler(0, SCHED_RR, &rr) != 0) {
        perror("sched_setscheduler");
        return 1;
    }
    int out = socket(AF_INET, SOCK_DGRAM, 0);
    usleep(100000); /* the receiver binds first */
    struct timespec interval = {0, 20000000};
    for (long end = now_ns() + seconds * 1000000000L; now_ns() < end;) {
        long t = now_ns();
        sendto(out, &t, sizeof t, 0, (struct sockaddr *) &to, sizeof to);
        nanosleep(&interval, NULL);
    }
    long stop = 0;
    sendto(out, &stop, sizeof stop, 0, (struct sockaddr *) &to, sizeof to);
    wait(NULL);
    return 0;
}
