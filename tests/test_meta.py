"""Messages and results survive pickling and deep copies (sent to Dask workers, kept by notebooks)."""
import copy
import pickle

from sim.meta import Msg, Result


def test_msg_and_result_pickle_and_deepcopy():
    m = Msg("share_of_change", share=0.81, inner=Msg("unit", unit="%"), years=[2021, 2022])
    r = Result({"rows": [{"reason": m, "status": "on_track"}]}, "check")
    for back in (pickle.loads(pickle.dumps(r)), copy.deepcopy(r)):
        assert back == r and back.kind == "check"
        assert back["rows"][0]["reason"] == m and back["rows"][0]["reason"].args["inner"].args == {"unit": "%"}
