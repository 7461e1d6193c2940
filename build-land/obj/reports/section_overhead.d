build-land/obj/reports/section_overhead.o: reports/section_overhead.c \
 reports/benchcsv.h reports/chart.h reports/html.h reports/section.h \
 reports/report.h sim/plan/evaluate.h sim/store/trace.h lib/resource.h \
 reports/table.h
reports/benchcsv.h:
reports/chart.h:
reports/html.h:
reports/section.h:
reports/report.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
reports/table.h:
