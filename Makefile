# The few commands a newcomer needs. `make demo` and `make test` do all set-up on a fresh machine.
.PHONY: deps build release demo test bench clean

DEMO_DIR ?= demo-output
APERY_RELEASE = .build/release/apery

deps:
	@Scripts/install-dependencies.sh

build: deps
	swift build

release: deps
	swift build -c release --product apery

# The main job: verify every known formula of the corpus and identify each from its PCF alone,
# record everything in SQLite, write a Markdown report, then verify Apery's formula to 10,000 digits.
# Depth 262,144 is where the reference checked the slow zeta(3)/zeta(5) formulas.
demo: release
	@mkdir -p $(DEMO_DIR)
	$(APERY_RELEASE) corpus Corpora/known_pcfs.json --db $(DEMO_DIR)/apery.sqlite --report $(DEMO_DIR)/report.md --max-depth 262144 || true
	$(APERY_RELEASE) verify "PCF(34n^3+51n^2+27n+5, -n^6) = 6/zeta(3)" --digits 10000 --db $(DEMO_DIR)/apery.sqlite
	@echo "report: $(DEMO_DIR)/report.md  database: $(DEMO_DIR)/apery.sqlite"

test: deps
	swift build --build-tests
	swift test --skip-build

# Side-by-side benchmarks against the peers (makes its own Python venv); figures go to Benchmarks/RESULTS.md.
bench: deps
	Benchmarks/run.sh

clean:
	rm -rf .build $(DEMO_DIR)
