build-land/obj/reports/section.o: reports/section.c reports/section.h \
 reports/report.h sim/plan/evaluate.h sim/store/trace.h lib/resource.h \
 reports/html.h reports/table.h
reports/section.h:
reports/report.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
reports/html.h:
reports/table.h:
