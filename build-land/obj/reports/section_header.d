build-land/obj/reports/section_header.o: reports/section_header.c \
 reports/benchcsv.h reports/csvtab.h reports/evalcsv.h \
 reports/frontiercsv.h reports/html.h reports/section.h reports/report.h \
 sim/plan/evaluate.h sim/store/trace.h lib/resource.h reports/table.h \
 reports/validcsv.h sim/plan/planfile.h lib/version.h
reports/benchcsv.h:
reports/csvtab.h:
reports/evalcsv.h:
reports/frontiercsv.h:
reports/html.h:
reports/section.h:
reports/report.h:
sim/plan/evaluate.h:
sim/store/trace.h:
lib/resource.h:
reports/table.h:
reports/validcsv.h:
sim/plan/planfile.h:
lib/version.h:
