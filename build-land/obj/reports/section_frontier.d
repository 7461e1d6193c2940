build-land/obj/reports/section_frontier.o: reports/section_frontier.c \
 reports/chart.h reports/evalcsv.h reports/frontiercsv.h reports/html.h \
 reports/section.h reports/report.h sim/plan/evaluate.h sim/store/trace.h \
 lib/resource.h reports/table.h
reports/chart.h:
reports/evalcsv.h:
reports/frontiercsv.h:
reports/html.h:
reports/section.h:
reports/report.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
reports/table.h:
