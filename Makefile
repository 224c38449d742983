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

# The main job: a real batch search on the embedded default specs (Conjectures/): 8.9 million PCFs
# against the Moebius forms of pi, the reference enumerator's e domain, Apery's zeta(3) family, Catalan,
# an interlaced log(2) family, and the factorial-reduction searches of the slowly converging zeta(3) and
# zeta(5) families; ESMA on e (signed continued fractions with patterns) and a recurrence guessed; then
# every known formula of the corpus verified and identified from its PCF alone (corpus.md).
# Depth 262,144 is where the reference checked the slow zeta(3)/zeta(5) formulas. Then the convergence
# dynamics of the pi family's neighbourhood (14,400 PCFs), clustered and named by the pi search's hits, and
# MAP-Elites on the planar arm (the engine's adaptive driver), the P3 programming puzzles' train templates
# (enumeration, z3 and sandboxed Python workers, two bootstrap rounds at 1,000 tries), two minutes of optimizer
# discovery from AdamW (demo-output/optimizers.txt; a rerun continues it, and the kept rule of
# Conjectures/optimizers/adam-short-momentum-five-tasks.txt is compared on all five proxies there), and
# the report of everything: $(DEMO_DIR)/report/report.html (open it in a browser), report.md, report.tex.
demo: release
	@mkdir -p $(DEMO_DIR)
	$(APERY_RELEASE) search pcf --spec Conjectures/pi-a1-b2.json --db $(DEMO_DIR)/pi.sqlite
	$(APERY_RELEASE) search pcf --spec Conjectures/e-degree1.json --db $(DEMO_DIR)/e.sqlite
	$(APERY_RELEASE) search pcf --spec Conjectures/zeta3-apery-family.json --db $(DEMO_DIR)/zeta3.sqlite
	$(APERY_RELEASE) search pcf --spec Conjectures/catalan-a2-b4.json --db $(DEMO_DIR)/catalan.sqlite
	$(APERY_RELEASE) search pcf --spec Conjectures/zeta3-fr-family.json --db $(DEMO_DIR)/zeta3-fr.sqlite
	$(APERY_RELEASE) search pcf --spec Conjectures/zeta5-fr-family.json --db $(DEMO_DIR)/zeta5-fr.sqlite
	$(APERY_RELEASE) search pcf --spec Conjectures/ln2-interlaced.json --db $(DEMO_DIR)/ln2.sqlite --yes
	$(APERY_RELEASE) esma --spec Conjectures/esma-e.json --db $(DEMO_DIR)/esma.sqlite
	$(APERY_RELEASE) conjectures --db $(DEMO_DIR)/esma.sqlite > $(DEMO_DIR)/conjectures.txt
	$(APERY_RELEASE) verify "CF[2; 1, 2k+2, 1] = e" --digits 1000
	$(APERY_RELEASE) guess --file Corpora/b005259.txt --extend 3
	$(APERY_RELEASE) dynamics --hits --db $(DEMO_DIR)/pi.sqlite
	$(APERY_RELEASE) export --db $(DEMO_DIR)/pi.sqlite --format csv --out $(DEMO_DIR)/pi-hits.csv
	@for s in pi e zeta3 catalan ln2 zeta3-fr zeta5-fr; do echo "== $$s: one formula per family"; $(APERY_RELEASE) hits --db $(DEMO_DIR)/$$s.sqlite; done | tee $(DEMO_DIR)/hits.txt
	$(APERY_RELEASE) corpus Corpora/known_pcfs.json --db $(DEMO_DIR)/apery.sqlite --report $(DEMO_DIR)/corpus.md --max-depth 262144 || true
	$(APERY_RELEASE) verify "PCF(34n^3+51n^2+27n+5, -n^6) = 6/zeta(3)" --digits 10000 --db $(DEMO_DIR)/apery.sqlite
	$(APERY_RELEASE) dynamics --spec Conjectures/dynamics-pi-neighbourhood.json --db $(DEMO_DIR)/dynamics.sqlite
	$(APERY_RELEASE) cluster --db $(DEMO_DIR)/dynamics.sqlite --anchors $(DEMO_DIR)/pi.sqlite
	$(APERY_RELEASE) search qd --spec Conjectures/qd-arm10.json --db $(DEMO_DIR)/qd-arm.sqlite
	$(APERY_RELEASE) puzzles solve --puzzles Corpora/p3/puzzles_train.json --first-instances --budget 1000 --rounds 2 --db $(DEMO_DIR)/puzzles.sqlite
	$(APERY_RELEASE) search optimizer --spec Conjectures/optimizer-lion.json --db $(DEMO_DIR)/optimizers.sqlite --minutes 2
	$(APERY_RELEASE) optimizers --db $(DEMO_DIR)/optimizers.sqlite --count 3 > $(DEMO_DIR)/optimizers.txt
	$(APERY_RELEASE) optimizers compare --db $(DEMO_DIR)/optimizers.sqlite >> $(DEMO_DIR)/optimizers.txt
	$(APERY_RELEASE) optimizers compare --program Conjectures/optimizers/adam-short-momentum-five-tasks.txt --seeds 16 --tuning-seeds 3 \
		--task quadratic --task logistic --task mlp --task regression --task classification >> $(DEMO_DIR)/optimizers.txt
	$(APERY_RELEASE) optimizers export --db $(DEMO_DIR)/optimizers.sqlite --format optax --out $(DEMO_DIR)/optimizer_optax.py
	$(APERY_RELEASE) report --out $(DEMO_DIR)/report --format html,md,latex,csv,json \
		$(foreach s,pi e zeta3 catalan ln2 zeta3-fr zeta5-fr esma apery dynamics,--db $(DEMO_DIR)/$(s).sqlite) --db $(DEMO_DIR)/qd-arm.sqlite --db $(DEMO_DIR)/puzzles.sqlite --db $(DEMO_DIR)/optimizers.sqlite
	@echo "report: $(DEMO_DIR)/report/report.html (and report.md, report.tex, *.csv, report.json); hits: $(DEMO_DIR)/hits.txt"

# The tests also render the reports: HTML in a headless Chromium, LaTeX with pdflatex (installed here for them),
# and compare update rules with numpy references and the optax export with the numpy one (a venv in .venv-test
# with numpy, jax and optax, CPU wheels).
test:
	@Scripts/install-dependencies.sh --test-tools
	swift build --build-tests
	APERY_REQUIRE_RENDERERS=1 APERY_TEST_PYTHON=$$(Scripts/test-venv.sh) swift test --skip-build
	@# The Python package (python/), installed into the test venv, against the debug binary just built.
	PY=$$(Scripts/test-venv.sh) && $$PY -m pip install -q ./python && APERY_BINARY=$$PWD/.build/debug/apery $$PY -m pytest -q python/tests

# Side-by-side benchmarks against the peers (makes its own Python venv); figures go to Benchmarks/RESULTS.md.
bench: deps
	Benchmarks/run.sh

clean:
	rm -rf .build $(DEMO_DIR)
