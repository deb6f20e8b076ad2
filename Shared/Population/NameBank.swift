/// Names and places the synthetic population is drawn from.
enum NameBank {
    static let maleFirstNames = [
        "Нұрлан", "Ерлан", "Асқар", "Бауыржан", "Дәурен", "Ержан", "Алмас", "Арман", "Айдос", "Данияр", "Ерболат",
        "Жандос", "Қайрат", "Марат", "Мұрат", "Руслан", "Серік", "Талғат", "Темірлан", "Әлихан", "Ерасыл", "Бекзат",
        "Азамат", "Дархан", "Ильяс", "Санжар", "Нұрбол", "Ақжол", "Олжас", "Аслан", "Тимур", "Дмитрий", "Сергей",
    ]
    static let femaleFirstNames = [
        "Айгүл", "Айгерім", "Әсем", "Гүлнар", "Жанар", "Жұлдыз", "Дана", "Ақмарал", "Сәуле", "Мадина", "Аружан",
        "Інжу", "Назерке", "Томирис", "Динара", "Салтанат", "Мөлдір", "Камила", "Әйгерім", "Ботагөз", "Анна", "Елена",
    ]
    /// Male forms; female forms add "а" (Ахметов → Ахметова) unless listed as unchanging.
    static let surnames = [
        "Ахметов", "Сейітов", "Жұмабаев", "Нұрланов", "Омаров", "Серікбаев", "Әбдірахманов", "Исмаилов", "Қасымов",
        "Бекмұхамбетов", "Мұхамедов", "Сәрсенбаев", "Байжанов", "Оспанов", "Әлиев", "Тұрсынов", "Есенов", "Жақсылықов",
        "Қожахметов", "Мамыров", "Иванов", "Петров", "Ким", "Цой", "Шевченко",
    ]
    static let unchangingSurnames: Set<String> = ["Ким", "Цой", "Шевченко"]

    struct Region {
        let name: String
        let localities: [String]
    }

    static let regions = [
        Region(name: "Astana", localities: ["Astana"]),
        Region(name: "Almaty", localities: ["Almaty"]),
        Region(name: "Shymkent", localities: ["Shymkent"]),
        Region(name: "Abai region", localities: ["Semey", "Kurchatov", "Ayagoz"]),
        Region(name: "Akmola region", localities: ["Kokshetau", "Stepnogorsk", "Shchuchinsk"]),
        Region(name: "Aktobe region", localities: ["Aktobe", "Kandyagash", "Khromtau"]),
        Region(name: "Almaty region", localities: ["Qonaev", "Talgar", "Kaskelen"]),
        Region(name: "Atyrau region", localities: ["Atyrau", "Kulsary"]),
        Region(name: "East Kazakhstan region", localities: ["Oskemen", "Ridder", "Altai"]),
        Region(name: "Jambyl region", localities: ["Taraz", "Shu", "Karatau"]),
        Region(name: "Jetisu region", localities: ["Taldykorgan", "Tekeli", "Zharkent"]),
        Region(name: "Karaganda region", localities: ["Karaganda", "Temirtau", "Balkhash", "Saran"]),
        Region(name: "Kostanay region", localities: ["Kostanay", "Rudny", "Lisakovsk"]),
        Region(name: "Kyzylorda region", localities: ["Kyzylorda", "Aral", "Baikonur"]),
        Region(name: "Mangystau region", localities: ["Aktau", "Zhanaozen"]),
        Region(name: "North Kazakhstan region", localities: ["Petropavl", "Bulaevo"]),
        Region(name: "Pavlodar region", localities: ["Pavlodar", "Ekibastuz", "Aksu"]),
        Region(name: "Turkistan region", localities: ["Turkistan", "Kentau", "Sairam"]),
        Region(name: "Ulytau region", localities: ["Zhezkazgan", "Satpayev"]),
        Region(name: "West Kazakhstan region", localities: ["Oral", "Aksai"]),
    ]

    static let streets = [
        "Абай даңғылы", "Сейфуллин көшесі", "Достық даңғылы", "Төле би көшесі", "Жамбыл көшесі", "Қабанбай батыр даңғылы",
        "Әл-Фараби даңғылы", "Республика даңғылы", "Желтоқсан көшесі", "Бөкейхан көшесі", "Мәңгілік Ел даңғылы", "Гагарин көшесі",
    ]

    static let articles = ["CC art. 188 (theft)", "CC art. 190 (fraud)", "CC art. 293 (hooliganism)", "CC art. 296 (drugs)", "CC art. 345 (traffic)"]
}
