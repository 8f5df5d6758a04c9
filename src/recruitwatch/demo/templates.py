"""Text templates for the synthetic demo corpus. Every name, number and handle is invented.

Slots in braces are filled per document: {phone} {handle} {salary} {city} {job} {province}
{age} {days} {bonus}. Lure templates are written to read like the real ones described in
warnings and investigations (salary, papers, travel, vague work, urgency, messenger-only
contact), so the detector has something realistic to find; nothing here is a working offer.
"""

from __future__ import annotations

LURES: dict[str, tuple[str, str]] = {
    # id: (language, template)
    "ar-guard": (
        "ar",
        "🔴 مطلوب شباب من عمر {age} للعمل {job} في {city} – روسيا\n"
        "الراتب {salary} شهرياً 💵\nالسفر والفيزا والسكن على حساب الشركة\n"
        "الجنسية الروسية لك ولعائلتك بعد سنة\nبدون خبرة وبدون لغة\n"
        "الأماكن محدودة، السفر خلال {days} أيام\nللتواصل واتساب فقط {phone}",
    ),
    "ar-iq-dialect": (
        "ar",
        "اكو شغل بروسيا للشباب من {province} 👌 {job} وشغلة سهلة\n"
        "راتب زين {salary} بالشهر، السكن والأكل علينا والفيزا علينا\n"
        "ما يحتاج خبرة ولا لغة، مو للجبهة، شغل بالخطوط الخلفية\n"
        "راسلني ع الخاص او تلكرام {handle} او {phone}",
    ),
    "ar-study": (
        "ar",
        "فرصة للطلاب والخريجين ✈️ دراسة وعمل في {city}\n"
        "قبول مجاني وراتب {salary} شهرياً مع سكن مجاني\n"
        "اقامة دائمة بعد التخرج، الفيزا مضمونة عن طريق السفارة\n"
        "التقديم عاجل – للتواصل تلغرام فقط {handle}",
    ),
    "ar-contract": (
        "ar",
        "عقد لمدة سنة مع وزارة الدفاع الروسية 🇷🇺 مكافأة {bonus} عند التوقيع\n"
        "راتب {salary} شهرياً، تعويض للعائلة في حالة الإصابة\n"
        "نطلب شباب {age} من بغداد والبصرة والنجف، يتم تسليم الجواز الى المكتب\n"
        "تدفع عربون 300 دولار قبل السفر. للتواصل واتساب فقط {phone}",
    ),
    "en-warehouse": (
        "en",
        "URGENT: {job} wanted in {city}, Russia 🇷🇺\nSalary {salary} a month, "
        "free flights, visa provided, free accommodation and meals.\n"
        "No experience needed, no Russian language needed. Young men aged {age}.\n"
        "Russian citizenship for you and your family after one year.\n"
        "Contact us on WhatsApp only: {phone}",
    ),
    "en-europe": (
        "en",
        "Your road to Europe through Russia starts here! Work as a {job} in "
        "{city} for 6 months, salary {salary} a month, then travel on to Germany.\n"
        "We arrange the visa, tickets paid. Limited places!\nTelegram only: {handle} or {phone}",
    ),
    "en-drone": (
        "en",
        "Drone factory jobs in Alabuga, Russia – helpers and assembly staff.\n"
        "Pay {salary} per month plus signing bonus of {bonus}. Work and study programme "
        "for students.\nContract is in Russian only, our agent explains it on arrival.\n"
        "DM on Telegram {handle} or WhatsApp {phone}",
    ),
    "ru-guard": (
        "ru",
        "СРОЧНО! Требуются молодые мужчины {age} лет, работа {job} в {city}.\n"
        "Зарплата {salary} в месяц, проезд и проживание за счёт работодателя.\n"
        "Опыт и знание языка не нужны. Ускоренное получение гражданства РФ.\n"
        "Пишите только в Telegram {handle}",
    ),
    "ru-svo": (
        "ru",
        "Контракт с Минобороны на 1 год, единовременная выплата {bonus}.\n"
        "Работа в тылу, не на передовой: {job}, {city}.\nДоход от {salary} в месяц. "
        "Иностранцам гражданство для вас и вашей семьи.\nЗвоните или пишите в WhatsApp "
        "{phone}, Telegram {handle}",
    ),
    "ru-foreign": (
        "ru",
        "Вакансия для иностранцев из Ирака и Сирии: {job} в {city}.\n"
        "Зарплата {salary} в месяц, визу оформим бесплатно, перелёт через Стамбул "
        "оплачиваем.\nПаспорт нужно сдать координатору. Мест ограничено!\n"
        "Связь только через Telegram {handle}, тел. {phone}",
    ),
}
CONTACT_ONLY: dict[str, tuple[str, str]] = {
    "ar": ("ar", "شغل بالخارج 👍 التفاصيل بالخاص {phone}"),
    "en": ("en", "Jobs abroad, good conditions, message me: {phone}"),
    "ru": ("ru", "Работа за границей, подробности в личке {handle}"),
}
LEGIT: dict[str, tuple[str, str]] = {
    "ar-accountant": (
        "ar",
        "مطلوب محاسب لشركة {employer} في {iq_city}، خبرة لا تقل عن ثلاث "
        "سنوات، شهادة بكالوريوس محاسبة. الراتب {legit_salary} دينار شهرياً. "
        "ترسل السيرة الذاتية الى {email}",
    ),
    "ar-driver": (
        "ar",
        "شركة {employer} للنقل في {iq_city} بحاجة الى سائق بإجازة سوق عمومية. "
        "الدوام من 8 صباحاً، الراتب حسب الخبرة. التقديم عبر موقع الشركة {site}",
    ),
    "ar-gulf": (
        "ar",
        "فرصة عمل في دبي: فني تكييف لدى {employer}. عقد عمل رسمي مصدق من "
        "وزارة العمل، الإقامة على حساب الشركة وفق القانون، راتب 1500 درهم. "
        "المقابلات في مكتبنا في {iq_city}، هاتف المكتب {office_phone}",
    ),
    "en-nurse": (
        "en",
        "{employer} is hiring registered nurses for its hospital in {iq_city}. "
        "Requirements: nursing degree, two years of experience, English. Salary "
        "{legit_salary} IQD per month. Apply at {site} or send your CV to {email}",
    ),
    "en-sponsor": (
        "en",
        "{employer} (Germany) recruits electricians through the official "
        "skilled-worker visa route. Recognised qualification and B1 German "
        "required. Salary EUR 2,800 gross. No fees: apply only at {site}",
    ),
    "ru-accountant": (
        "ru",
        "Требуется бухгалтер в компанию {employer} ({ru_city}). Опыт "
        "работы от трёх лет, высшее образование. Зарплата 65 000 рублей. "
        "Резюме на {email}",
    ),
    "ru-it": (
        "ru",
        "{employer} ищет разработчика Python. Удалённо или офис в {ru_city}. "
        "Официальное трудоустройство, ДМС. Откликайтесь на сайте {site}",
    ),
}
NEWS: tuple[tuple[str, str], ...] = (
    (
        "ar",
        "أفادت صحيفة محلية بأن محكمة جنايات النجف حكمت على متهم بالسجن المؤبد وفق قانون "
        "مكافحة الاتجار بالبشر، بعد أن استدرج شباباً بوعود راتب 3000 دولار شهرياً والجنسية "
        "الروسية للعمل حراس أمن في روسيا، ليجدوا أنفسهم بعقود مع وزارة الدفاع الروسية.",
    ),
    (
        "ar",
        "قال نائب في لجنة العلاقات الخارجية في البرلمان إن اللجنة فتحت تحقيقاً في تجنيد "
        "شباب من {province} للقتال في أوكرانيا، وطالبت وزارة الخارجية بمتابعة الملف. وبحسب "
        "مصادر، تضمنت العروض السفر المجاني والإقامة للعائلة.",
    ),
    (
        "en",
        "An investigation by a local news agency found that recruiters in Baghdad and Basra "
        "promised young men salaries of $2,500 a month, free flights and Russian citizenship. "
        "According to families, several were sent to the front after signing contracts with the "
        "Ministry of Defence.",
    ),
    (
        "en",
        "Officials said on {date} that the court sentenced an intermediary who had sent at "
        "least a dozen men to Russia. The men were told they would work as security guards, the "
        "prosecutor said.",
    ),
    (
        "ru",
        "Как сообщает издание, суд вынес приговор организатору, который по данным следствия "
        "вербовал иностранцев обещаниями зарплаты 200 тысяч рублей в месяц и гражданства РФ. "
        "Журналисты выяснили, что контракты заключались с Минобороны.",
    ),
)
WARNINGS: tuple[tuple[str, str], ...] = (
    (
        "ar",
        "تحذير: تحذر وزارة الخارجية المواطنين من عروض العمل في روسيا التي تعد براتب 3000 "
        "دولار شهرياً والجنسية والسفر المجاني. السفارة لا تصدر أي فيزا لهذا الغرض. يرجى عدم "
        "الاستجابة والإبلاغ عن هذه العروض على الخط الساخن {hotline}",
    ),
    (
        "ar",
        "تنبيه من السفارة العراقية في موسكو: احذروا الوسطاء الذين يعرضون عقوداً للعمل حراس "
        "أو سائقين في روسيا، فهي عقود عسكرية. للإبلاغ اتصلوا على {hotline}",
    ),
    (
        "en",
        "WARNING: The Ministry of Foreign Affairs warns citizens not to respond to offers of "
        "work in Russia promising high salaries, free visas and citizenship. These offers lead to "
        "military contracts. Report such offers to the hotline {hotline}.",
    ),
    (
        "ru",
        "Осторожно, мошенники! Посольство предупреждает: не отвечайте на предложения работы "
        "охранником в России с зарплатой 250 тысяч рублей и гражданством. Сообщайте о таких "
        "объявлениях по телефону {hotline}.",
    ),
)
CHATTER: tuple[tuple[str, str], ...] = (
    ("ar", "صباح الخير جميعاً، مباراة الزوراء والشرطة الليلة الساعة 8 ⚽ من يجي نشوفها بالكافيه؟"),
    ("ar", "سعر الطماطم اليوم في سوق {iq_city} ارتفع، الكيلو بألفين دينار 😅"),
    ("ar", "الجو حار جداً اليوم في {iq_city}، انتبهوا على أنفسكم وأكثروا من الماء"),
    ("en", "Does anyone know a good dentist in {iq_city}? Mine moved away."),
    ("en", "Happy Eid to everyone in the group! 🌙"),
    ("ru", "Всем привет! Кто знает, во сколько сегодня матч?"),
    ("ru", "Продаю велосипед, почти новый, {ru_city}, самовывоз."),
)
JOBS = {
    "ar": ["حراس امن", "سائقين", "عمال مخازن", "مساعدين", "طاقم دعم"],
    "en": ["security guards", "drivers", "warehouse workers", "helpers", "support staff"],
    "ru": ["охранником", "водителем", "на складе", "разнорабочим", "грузчиком"],
}
CITIES = {
    "ar": ["موسكو", "سانت بطرسبرغ", "روستوف", "قازان", "مينسك", "دونيتسك"],
    "en": ["Moscow", "St Petersburg", "Rostov-on-Don", "Kazan", "Minsk", "Donetsk"],
    "ru": ["Москве", "Санкт-Петербурге", "Ростове-на-Дону", "Казани", "Минске", "ДНР"],
}
PROVINCES_AR = ["بغداد", "البصرة", "النجف", "كربلاء", "ذي قار", "بابل", "الديوانية", "ميسان"]
IQ_CITIES = ["بغداد", "البصرة", "أربيل", "النجف", "كربلاء", "الناصرية"]
IQ_CITIES_EN = ["Baghdad", "Basra", "Erbil", "Najaf", "Karbala", "Nasiriyah"]
RU_CITIES = ["Москва", "Казань", "Новосибирск", "Самара"]
EMPLOYER_WORDS = [
    "Rafidain",
    "Tigris",
    "Euphrates",
    "Babylon",
    "Sumer",
    "Akkad",
    "Zagros",
    "Ishtar",
    "Nineveh",
    "Uruk",
    "Lagash",
    "Eridu",
]
EMPLOYER_KINDS = ["Pharma", "Logistics", "Engineering", "Health", "Trading", "Systems"]
