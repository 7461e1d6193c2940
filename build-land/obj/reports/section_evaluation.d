build-land/obj/reports/section_evaluation.o: reports/section_evaluation.c \
 reports/evalcsv.h reports/html.h reports/section.h reports/report.h \
 sim/plan/evaluate.h sim/store/trace.h lib/resource.h reports/table.h
reports/evalcsv.h:
reports/html.h:
reports/section.h:
reports/report.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
reports/table.h:
