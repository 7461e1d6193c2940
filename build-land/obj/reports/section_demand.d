build-land/obj/reports/section_demand.o: reports/section_demand.c \
 reports/chart.h reports/evalcsv.h reports/html.h reports/section.h \
 reports/report.h sim/plan/evaluate.h sim/store/trace.h lib/resource.h \
 reports/table.h
reports/chart.h:
reports/evalcsv.h:
reports/html.h:
reports/section.h:
reports/report.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
reports/table.h:
