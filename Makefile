# One command each: run, lint, test. `.venv/bin/gongkai` is the CLI after any of them.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install migrate demo test-pg test-browser clean

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PY) >/dev/null 2>&1 || { echo "需要 Python 3.11（$(PY)）"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/gongkai migrate --noinput

demo: migrate
	$(BIN)/gongkai demo load

run: demo
	@echo ""
	@echo "演示账号（密码均为 gongkai-demo-2026）："
	@echo "  gkb     公开办管理员（江门市人民政府办公室）"
	@echo "  fgj     单位联络员（市发展改革局）"
	@echo "  mzj_jb  经办人（市民政局）"
	@echo "  mzj_sh  审核人（市民政局）"
	@echo "  mzj_fzr 依申请公开工作机构负责人（市民政局，审批延期和签发）"
	@echo "  leader  领导（只读）"
	@echo "  pj_gkb  公开办管理员（蓬江区）"
	@echo "打开 http://127.0.0.1:8000/ （工作平台 http://127.0.0.1:8000/staff/）"
	$(BIN)/gongkai runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=gongkai.settings.test $(BIN)/gongkai makemigrations --check --dry-run

test: lint
	DJANGO_SETTINGS_MODULE=gongkai.settings.test $(BIN)/pytest

clean:
	rm -rf $(VENV) var/gongkai.sqlite3 var/test-uploads
