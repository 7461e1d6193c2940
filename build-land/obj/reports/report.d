build-land/obj/reports/report.o: reports/report.c reports/report.h \
 reports/benchcsv.h reports/chart.h reports/evalcsv.h \
 reports/frontiercsv.h reports/html.h reports/outdir.h reports/section.h \
 sim/plan/evaluate.h sim/store/trace.h lib/resource.h reports/stats.h \
 reports/validcsv.h lib/error.h sim/store/ingest.h lib/outfile.h \
 sim/plan/planfile.h
reports/report.h:
reports/benchcsv.h:
reports/chart.h:
reports/evalcsv.h:
reports/frontiercsv.h:
reports/html.h:
reports/outdir.h:
reports/section.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
reports/stats.h:
reports/validcsv.h:
lib/error.h:
sim/store/ingest.h:
lib/outfile.h:
sim/plan/planfile.h:
