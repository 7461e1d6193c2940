# vmux simulate: CloudSim's host catalogue (models/hosts-cloudsim.csv) is
# compiled in as the default of --hosts, from the one shipped file.
$(BUILD)/gen/hosts_cloudsim.inc: models/hosts-cloudsim.csv
	@mkdir -p $(@D)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< > $@

$(BUILD)/obj/sim/simulate/catalogue.o: $(BUILD)/gen/hosts_cloudsim.inc

# The literature overhead factors (models/overhead-literature.csv), the
# default of --overhead, compiled in the same way: vmux finds them from
# any directory.
$(BUILD)/gen/overhead_literature.inc: models/overhead-literature.csv
	@mkdir -p $(@D)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< > $@

$(BUILD)/obj/models/overhead.o: $(BUILD)/gen/overhead_literature.inc
