using System.Collections.Frozen;

namespace LiveProfile.Text;

/// <summary>
/// Traditional → simplified mapping for the characters live-room comments actually use.
/// Not OpenCC: one character maps to one character, which covers the common cases
/// (這個/发貨/價錢/嗎) without a phrase dictionary; the few one-to-many cases are mapped to
/// the reading that shopping chat uses.
/// </summary>
internal static class TraditionalChinese
{
    // Pairs "traditional simplified", space separated, grouped loosely by topic.
    private const string Pairs =
        // function words and pronouns
        "這这 個个 們们 嗎吗 麼么 為为 與与 從从 對对 還还 沒没 當当 於于 裡里 裏里 後后 幾几 兩两 無无 " +
        "讓让 給给 說说 話话 誰谁 問问 題题 應应 該该 會会 樣样 種种 點点 歡欢 啟启 開开 關关 過过 進进 達达 邊边 " +
        "見见 覺觉 聽听 讀读 寫写 講讲 謝谢 請请 認认 識识 記记 嗎吗 麵面 來来 時时 間间 長长 東东 車车 門门 " +
        "頭头 將将 實实 現现 發发 經经 員员 陽阳 陰阴 處处 萬万 億亿 條条 張张 隻只 雙双 對对 塊块 鐘钟 號号 碼码 " +
        // shopping, price, shipping
        "買买 賣卖 價价 錢钱 貴贵 優优 惠惠 劵券 費费 運运 險险 郵邮 寄寄 貨货 單单 鏈链 購购 領领 搶抢 獎奖 贈赠 禮礼 " +
        "換换 滿满 減减 補补 預预 訂订 裝装 庫库 區区 縣县 鄉乡 倉仓 遞递 輸输 統统 幣币 額额 數数 賺赚 虧亏 廠厂 " +
        "專专 業业 務务 質质 證证 檢检 測测 評评 論论 圖图 驗验 較较 參参 設设 計计 試试 準准 確确 詳详 細细 " +
        // product words
        "膚肤 護护 綿绵 純纯 淨净 潔洁 膠胶 霧雾 氣气 濕湿 潤润 紅红 顏颜 藥药 療疗 醫医 雞鸡 豬猪 魚鱼 蝦虾 飯饭 " +
        "湯汤 鮮鲜 餅饼 麥麦 醬酱 鹽盐 糧粮 機机 電电 腦脑 線线 聲声 燈灯 爐炉 鍋锅 鍵键 盤盘 錶表 螢萤 屏屏 " +
        "紙纸 褲裤 裙裙 鞋鞋 襪袜 帶带 衛卫 絲丝 絨绒 圍围 寬宽 輕轻 軟软 硬硬 適适 髮发 臉脸 膜膜 嬰婴 寶宝 親亲 " +
        // feelings, complaints, praise
        "愛爱 戀恋 樂乐 絕绝 讚赞 壞坏 難难 爛烂 癢痒 瘡疮 騙骗 異异 氣气 壓压 漲涨 沖冲 衝冲 閃闪 熱热 風风 雲云 " +
        "麗丽 漂漂 亮亮 靚靓 厲厉 鬧闹 聞闻 嘗尝 務务 勝胜 敗败 錯错 謊谎 慘惨 憐怜 嚇吓 幫帮 興兴 趣趣 極极 " +
        // misc
        "國国 華华 蘋苹 歐欧 羅罗 廣广 術术 體体 級级 環环 閉闭 網网 頁页 層层 場场 節节 燒烧 雜杂 傳传 奇奇 " +
        "媽妈 爺爷 誕诞 歲岁 餘余 龍龙 鳳凤 齊齐 蘭兰 黃黄 藍蓝 綠绿 隨随 聯联 動动 態态 響响 團团 攜携 劃划 " +
        "鬆松 嚴严 盡尽 續续 須须 顆颗 噸吨 範范 臺台 台台 灣湾 滬沪 陝陕 遼辽 黑黑 龜龟 烏乌 鐵铁 銀银 錄录 ";

    private static readonly FrozenDictionary<char, char> Map = Build();

    public static char ToSimplified(char c) => c < 0x3400 ? c : Map.GetValueOrDefault(c, c);

    private static FrozenDictionary<char, char> Build()
    {
        var map = new Dictionary<char, char>();
        foreach (var pair in Pairs.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.Length == 2 && pair[0] != pair[1])
            {
                map[pair[0]] = pair[1];
            }
        }
        return map.ToFrozenDictionary();
    }
}
