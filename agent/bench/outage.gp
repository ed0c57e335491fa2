# Client-visible outage per scenario, floatip against keepalived: medians as bars, p90 as error bars.
# Data: outage.dat, written by the benchmark (label, floatip median, keepalived median, floatip p90, keepalived p90).
set terminal pngcairo size 1400,760 font "sans,11" noenhanced
set output "outage.png"
set title "Client-visible outage, an echo request every 2 ms from the client, answered or not: median (bar), p90 (whisker); 2 ms = one probe period, no visible outage\n* keepalived cannot run a check script more often than every 1 s: it runs that check every second"
set ylabel "ms (log scale)"
set logscale y
set yrange [1:*]
set grid ytics mytics
set style data histogram
set style histogram errorbars gap 1.5 lw 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set xtics rotate by -35 nomirror
set xlabel "scenario @ advert interval"
set rmargin 14
set bmargin 11
set key top right
set bars 0.5
plot "outage.dat" using 2:2:4:xtic(1) title "floatip" lc rgb "#2b6cb0", \
     "" using 3:3:5 title "keepalived 2.2.7" lc rgb "#c05621"
