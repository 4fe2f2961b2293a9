set terminal pngcairo size 1400,1000 font ",11" noenhanced
set datafile missing "?"
set output 'benchmarks.png'
set multiplot layout 2,2 title "mackerel-tracing-jakarta benchmarks (median of rounds; bars: range)"
set style data histogram
set style histogram errorbars gap 2 lw 1
set style fill solid 0.6 border -1
set boxwidth 0.8
set grid ytics
set yrange [0:*]
set offsets 0, 0, graph 0.08, 0
set key off
set title "@Traced in Weld SE, ns per call\n(a) plain (b) empty interceptor (c) @Traced (d) by hand (e) sampling off"
plot 'traced.dat' using 2:3:4:xtic(1) lc rgb "#3b7dd8"
set title "JDBC primary-key lookup on H2, ns per statement"
plot 'jdbc.dat' using 2:3:4:xtic(1) lc rgb "#2a9d8f"
set title "Export to OTLP on loopback, thousands of spans/s (dashed: the 100k target)"
set key top left
set style histogram clustered gap 2
set arrow 1 from graph 0, first 100 to graph 1, first 100 nohead dt 2 lc rgb "#555555"
plot 'export.dat' using 2:xtic(1) title "offered" lc rgb "#bbbbbb", '' using 3 title "received" lc rgb "#e76f51"
unset arrow 1
set key off
set style histogram errorbars gap 2 lw 1
set title "Whole application under wrk, requests/s"
plot 'app.dat' using 2:3:4:xtic(1) lc rgb "#8d5fd3"
unset multiplot
