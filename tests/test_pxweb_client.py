"""The PxWeb clients against a fake server on 127.0.0.1 that replays SCB's recorded responses and misbehaves on
purpose. No test touches the internet."""

import json

import pandas as pd
import pytest

from orchestration.sources.errors import SourceDataError
from orchestration.sources.jsonstat import parse_jsonstat2
from orchestration.sources.pxweb import PxWebError, PxWebV1, PxWebV2, RetryPolicy, V2Selection
from orchestration.sources.tillvaxtanalys import lan_code_map, to_yearly
from tests.fake_pxweb import FakePxWeb

VASTERBOTTEN_JAN_2026 = V2Selection({"Region": ["24"], "Alder": "*", "Kon": ["TotSa"], "ContentsCode": "*",
                                     "Tid": ["2026M01"]})


class FakeTime:
    """A clock the client's throttle and backoff use, so waiting is recorded instead of slept."""

    def __init__(self):
        self.now, self.sleeps = 0.0, []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture()
def fake():
    with FakePxWeb() as server:
        yield server


def _client(server, timer=None, **policy) -> PxWebV2:
    timer = timer or FakeTime()
    return PxWebV2(f"{server.url}/api/v2", policy=RetryPolicy(**{"timeout": 2.0, **policy}), sleep=timer.sleep,
                   clock=timer.clock)


def _total(responses) -> float:
    frames = [parse_jsonstat2(r.body, file=r.url).to_frame() for r in responses]
    return pd.concat(frames)["value"].sum()


def test_data_for_vasterbotten_replays_the_recorded_response(fake):
    client = _client(fake)
    responses = client.data("TAB6471", VASTERBOTTEN_JAN_2026)
    assert len(responses) == 1 and responses[0].status == 200
    assert _total(responses) == 278_848
    assert client.config_.max_data_cells == 150_000 and client.config_.max_calls == 30
    post = [r for r in fake.requests if r[0] == "POST"][0][2]
    assert {"variableCode": "Region", "valueCodes": ["24"]} in post["selection"]
    assert responses[0].metadata()["fetched_at"] and responses[0].request_body == post


def test_selection_over_the_cell_limit_is_split(fake):
    fake.config["maxDataCells"] = 100
    client = _client(fake)
    recorded = {d: list(fake.cube["dimension"][d]["category"]["index"]) for d in fake.cube["id"]}
    selection = V2Selection({"Region": recorded["Region"], "Alder": recorded["Alder"], "Kon": ["TotSa"],
                             "ContentsCode": "*", "Tid": recorded["Tid"]})  # 21 x 11 x 1 x 1 x 4 = 924 cells
    responses = client.data("TAB6471", selection)
    assert 10 <= len(responses) <= 20
    assert all(len(r.json()["value"]) <= 100 for r in responses)
    full = parse_jsonstat2(json.dumps(fake.cube)).to_frame()
    expected = full[full["Kon"] == "TotSa"]["value"].sum()
    assert _total(responses) == expected


def test_call_window_from_config_is_obeyed(fake):
    fake.config.update({"maxCallsPerTimeWindow": 3, "timeWindow": 1})
    timer = FakeTime()
    client = _client(fake, timer)
    client.config()
    for _ in range(5):
        client.metadata("TAB6471")
    # six calls at three a second: the 4th to 6th wait for the window to pass, and not much longer
    assert 1.0 <= timer.now < 1.5, timer.sleeps


@pytest.mark.parametrize("trick", ["429", "503", "timeout", "truncate"])
def test_transient_failures_are_retried(fake, trick, caplog):
    fake.timeout_seconds = 3.0
    timer = FakeTime()
    client = _client(fake, timer, timeout=1.0)
    client.config()
    fake.script = [trick]
    responses = client.data("TAB6471", VASTERBOTTEN_JAN_2026)
    assert _total(responses) == 278_848 and responses[0].attempts == 2
    # the retry is logged with its reason and wait, and recorded with the response
    assert [r.name for r in caplog.records] == ["metric.http"] and "attempt 1 of 5 failed" in caplog.text
    assert responses[0].metadata()["retries"] == [caplog.records[0].getMessage()]
    if trick == "429":
        assert 1.0 in timer.sleeps  # Retry-After honoured


def test_backoff_is_exponential_and_capped(fake):
    timer = FakeTime()
    client = _client(fake, timer, max_attempts=6, backoff_base=1.0, backoff_cap=4.0)
    client.config()
    fake.script = ["503"] * 6
    with pytest.raises(PxWebError, match=r"TAB6471.*gave up after 6 attempts.*HTTP 503"):
        client.data("TAB6471", VASTERBOTTEN_JAN_2026)
    assert timer.sleeps[-5:] == [1.0, 2.0, 4.0, 4.0, 4.0]  # no wait after the last attempt


def test_client_errors_name_the_table_and_selection(fake):
    client = _client(fake)
    with pytest.raises(PxWebError, match=r"TAB9999.*HTTP 404"):
        client.metadata("TAB9999")
    with pytest.raises(PxWebError, match=r"TAB6471, Region: unknown codes \['99'\]"):
        client.data("TAB6471", V2Selection({"Region": ["99"], "Tid": "*"}))
    with pytest.raises(PxWebError, match="no variable 'Län'"):
        client.data("TAB6471", V2Selection({"Län": ["24"]}))


def test_table_id_resolved_by_search(fake):
    assert _client(fake).resolve_table_id("BefolkManad", title_pattern="folkmängd") == "TAB6471"


def test_v1_finds_a_renamed_file_by_its_stable_name(fake):
    fake.v1_folder = [
        {"id": "nystartade_foretag_kvartal_lan_2023.px", "type": "t", "text": "Nystartade företag", "updated": "2024"},
        {"id": "nystartade_foretag_kvartal_lan_2025.px", "type": "t", "text": "Nystartade företag", "updated": "2026"},
        {"id": "konkurser", "type": "l", "text": "Konkurser"},
    ]
    client = PxWebV1(f"{fake.url}/api/v1", policy=RetryPolicy(timeout=2.0), sleep=lambda s: None)
    assert client.find_table("folder", r"nystartade_foretag_kvartal_lan") == \
        "folder/nystartade_foretag_kvartal_lan_2025.px"
    with pytest.raises(PxWebError, match="no table in 'folder' matches 'konkurser_manad'"):
        client.find_table("folder", r"konkurser_manad")


def test_tillvaxtanalys_lan_codes_and_yearly_sums():
    mapping = lan_code_map(["0", "1", "2", "3"], ["Riket", "01 Stockholms län", "24 Västerbottens län", "99 Okänt"])
    assert mapping == {"0": "00", "1": "01", "2": "24"}
    quarters = pd.DataFrame({"Lan": ["2"] * 6, "Tid": ["2022K1", "2022K2", "2022K3", "2022K4", "2023K1", "2023K2"],
                             "value": [400.0, 380, 360, 394, 350, 330]})
    yearly = to_yearly(quarters, "Tid")
    assert yearly[["year", "value"]].values.tolist() == [[2022, 1534.0]]  # 2023 is incomplete: left out
    months = pd.DataFrame({"Tid": [f"2024M{m:02d}" for m in range(1, 13)], "value": [12.0] * 11 + [14.0]})
    assert to_yearly(months, "Tid")["value"].tolist() == [146.0]
    with pytest.raises(SourceDataError, match="unknown period format"):
        to_yearly(pd.DataFrame({"Tid": ["2024 Q1"], "value": [1.0]}), "Tid")


@pytest.mark.parametrize("base_url", ["", "ftp://example.invalid/api"])
def test_an_invalid_api_url_fails_at_once_instead_of_being_retried(base_url):
    slept = []
    client = PxWebV2(base_url, sleep=slept.append)
    with pytest.raises(PxWebError, match="invalid API URL"):
        client.request("GET", "config", what="PxWeb v2 config")
    assert slept == []  # a wrong setting is not a passing fault: no backoff
