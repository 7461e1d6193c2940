build-land/obj/reports/section_validation.o: reports/section_validation.c \
 reports/chart.h reports/html.h reports/section.h reports/report.h \
 sim/plan/evaluate.h sim/store/trace.h lib/resource.h reports/table.h \
 reports/validcsv.h
reports/chart.h:
reports/html.h:
reports/section.h:
reports/report.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
reports/table.h:
reports/validcsv.h:
