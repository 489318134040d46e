"""Decoding (UTF-8, UTF-16, GB18030) and normalizing a document's text (full-width, traditional)."""
from __future__ import annotations

import codecs
import re
import unicodedata

from sim.errors import SimError
from sim.meta import Msg


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Order: ``encoding``; a BOM; UTF-8; UTF-16 (zero bytes); GB18030."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            raise SimError(Msg("extract.decode", encoding=encoding), hint=Msg("extract.encodings")) from None
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                raise SimError(Msg("extract.bom", name=name), hint=Msg("extract.pass_encoding")) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if 0 in data and len(data) % 2 == 0:   # UTF-16 without a BOM: ASCII characters hold a zero byte
        le = data[1::2].count(0) > data[0::2].count(0)
        try:
            return data.decode("utf-16-le" if le else "utf-16-be"), "utf-16-le" if le else "utf-16-be"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise SimError(Msg("extract.unknown_encoding"), hint=Msg("extract.pass_encoding_eg")) from None


# Traditional -> simplified for characters that occur in plan vocabulary (one to one, so that a
# line keeps its length). Characters that are also ordinary simplified ones (乾, 著, 瞭) are left.
_TRAD = (
    "發发區区劃划規规標标設设經经濟济產产業业億亿萬万達达實实現现計计總总額额長长華华與与為为個个項项數数幣币稅税務务質质環环術术綠绿戶户農农廠厂車车電电貿贸進进資资優优競竞爭争於于內内舉举調调財财"
    "預预約约屬属責责單单頭头牽牵強强創创學学醫医療疗衛卫養养險险蓋盖條条級级積积極极導导際际國国門门書书圖图館馆觀观遊游營营銷销價价購购買买賣卖貨货運运輸输鐵铁線线網网絡络機机場场灣湾蘇苏滬沪試试"
    "驗验檢检測测認认證证體体築筑樓楼層层動动態态勢势礎础備备裝装製制餘余並并將将從从後后歲岁壽寿職职師师員员專专稱称應应聯联組组織织協协會会議议準准範范點点節节減减廢废棄弃處处汙污淨净氣气溫温噸吨"
    "畝亩裡里兩两幾几歷历曆历間间開开關关陽阳鄉乡鎮镇縣县莊庄園园護护廳厅嚴严權权勞劳齡龄兒儿婦妇殘残貧贫戰战擴扩張张廣广東东傳传統统題题課课賽赛獎奖勵励錢钱銀银貸贷債债費费補补貼贴據据庫库雲云訊讯"
    "軟软腦脑視视頻频響响聲声報报紙纸藝艺劇剧樂乐畫画遺遗跡迹這这們们來来時时對对過过還还讓让給给說说話话問问見见覺觉麼么樣样種种邊边當当歡欢難难變变選选擇择確确穩稳鞏巩續续繼继斷断紀纪錄录則则負负"
    "擔担監监審审評评績绩細细顆颗濃浓淺浅綜综夠够樹树幹干鄰邻適适遠远離离橋桥廈厦倉仓儲储漁渔糧粮穀谷鮮鲜蠶蚕絲丝紡纺鋼钢鍊炼礦矿煉炼銅铜鋁铝熱热輕轻纖纤維维藥药廁厕潔洁雙双輛辆郵邮遞递証证劵券籌筹"
    "徵征島岛陸陆嶺岭閣阁戲戏娛娱覽览軍军黨党團团幫帮圍围堅坚決决勝胜傑杰號号碼码執执擁拥獲获歸归辦办構构牀床値值轉转換换帶带橫横攜携興兴紅红鏈链黃黄漢汉陳陈韓韩鄭郑劉刘楊杨趙赵吳吴寧宁蕪芜無无馬马"
    "壩坝參参緩缓較较雖虽佔占納纳彙汇匯汇隊队讀读遷迁習习鍵键龍龙貫贯徹彻紮扎綱纲鋪铺艱艰風风災灾愛爱飾饰飲饮訓训練练類类儀仪遼辽閩闽贛赣粵粤瓊琼貴贵陝陕臺台擬拟啟启佈布錯错誤误釐厘況况狀状頂顶謀谋"
    "領领眾众衆众記记")


TRAD_TO_SIMP = {ord(a): b for a, b in zip(_TRAD[0::2], _TRAD[1::2]) if a != b}


_CIRCLED = {chr(0x2460 + k): f"({k + 1})" for k in range(20)}   # ①..⑳ -> (1)..(20)


_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalize_line(s: str) -> str:
    """Full-width ASCII to ASCII, traditional to simplified, box bars to '|', spaces kept only
    between ASCII words. (Not all of NFKC: 'Ⅲ' stays as the plan writes it.)"""
    for c, r in _CIRCLED.items():
        s = s.replace(c, r)
    s = unicodedata.normalize("NFC", s).translate(_FULL_WIDTH).translate(TRAD_TO_SIMP)
    s = s.replace("│", "|").replace("┃", "|").replace("\t", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"(?<![A-Za-z0-9]) | (?![A-Za-z0-9])|(?<=[A-Za-z0-9]) (?![A-Za-z0-9])|"
                  r"(?<![A-Za-z0-9]) (?=[A-Za-z0-9])", "", s)


def traditional_count(text: str) -> int:
    """How many characters of ``text`` the traditional-to-simplified map changes."""
    return sum(1 for c in text if ord(c) in TRAD_TO_SIMP)
