build-land/obj/reports/section_correlation.o: \
 reports/section_correlation.c reports/chart.h reports/html.h \
 reports/section.h reports/report.h sim/plan/evaluate.h sim/store/trace.h \
 lib/resource.h reports/stats.h reports/table.h
reports/chart.h:
reports/html.h:
reports/section.h:
reports/report.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
reports/stats.h:
reports/table.h:
