build-land/obj/reports/section_sizing.o: reports/section_sizing.c \
 reports/chart.h reports/html.h reports/section.h reports/report.h \
 sim/plan/evaluate.h sim/store/trace.h lib/resource.h reports/table.h \
 sim/plan/planfile.h
reports/chart.h:
reports/html.h:
reports/section.h:
reports/report.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
reports/table.h:
sim/plan/planfile.h:
