"""Vocabulary of the benchmark corpus: departments, their subjects, and government phrasing.

Pairs are written ``"中文:English"`` and split once at import, so a department's subjects
give both an item's Chinese title and its translation's English one. The lists are long on
purpose: a search index over a corpus that repeats a few sentences measures nothing.
"""

from __future__ import annotations


def pairs(text: str) -> list[tuple[str, str]]:
    """``"甲:a;乙:b"`` -> ``[("甲", "a"), ("乙", "b")]``."""
    return [tuple(entry.split(":", 1)) for entry in text.split(";")]  # type: ignore[misc]


# id, name, English name, short name, doc-number abbreviation, topic, subjects,
# licensing items, service items. Every department of the corpus is one of these,
# at city level or in one of the districts below.
BUREAUS = [
    ("market", "市场监督管理局", "Administration for Market Regulation", "市场监管局", "市监",
     "市场监管、安全生产监管",
     "食品安全:food safety;特种设备安全:special equipment safety;计量检定:metrological verification;"
     "经营主体登记:business registration;消费者权益保护:consumer protection;"
     "产品质量抽查:product quality spot checks;网络交易监管:online trade supervision;"
     "价格监督检查:price inspection;知识产权保护:intellectual property protection;"
     "广告监测:advertising monitoring;药品零售监管:retail pharmacy supervision;"
     "检验检测机构管理:testing laboratory oversight",
     "食品经营许可:food business permit;特种设备安装改造修理许可:special equipment installation "
     "permit;计量标准器具核准:approval of measurement standards;工业产品生产许可:industrial "
     "product production permit",
     "个体工商户设立登记:registration of individual businesses;企业名称自主申报:self-declaration "
     "of company names;消费投诉举报受理:consumer complaints;食品小作坊登记:registration of "
     "small food workshops"),
    ("health", "卫生健康委员会", "Health Commission", "卫生健康委", "卫健", "卫生、体育",
     "公共卫生应急:public health emergencies;基层医疗卫生服务:primary health care;"
     "疾病预防控制:disease prevention and control;妇幼健康服务:maternal and child health;"
     "职业健康监管:occupational health;医疗机构管理:medical institution management;"
     "家庭医生签约:family doctor contracts;老龄健康服务:health services for the elderly;"
     "预防接种管理:vaccination management;医疗质量控制:medical quality control;"
     "中医药传承发展:traditional Chinese medicine;爱国卫生运动:patriotic health campaign",
     "医疗机构执业登记:medical institution licensing;公共场所卫生许可:public venue hygiene permit;"
     "放射诊疗许可:radiological diagnosis permit;母婴保健技术服务许可:maternal and infant health "
     "service permit",
     "出生医学证明办理:birth certificates;预防接种证补办:vaccination certificate reissue;"
     "医师执业注册:registration of physicians;护士执业注册:registration of nurses"),
    ("transport", "交通运输局", "Transport Bureau", "交通运输局", "交", "工业、交通",
     "道路客运管理:road passenger transport;城市公共交通:urban public transport;"
     "农村公路建设:rural road construction;网络预约出租汽车:ride-hailing services;"
     "道路货物运输:road freight;交通运输安全生产:transport safety;"
     "机动车驾驶员培训:driver training;水路运输管理:waterway transport;"
     "公路养护工程:highway maintenance;综合交通枢纽:transport hubs;"
     "绿色出行:green mobility;交通运输执法:transport law enforcement",
     "道路旅客运输经营许可:road passenger transport permit;道路货物运输经营许可:road freight "
     "permit;网络预约出租汽车经营许可:ride-hailing operating permit;公路超限运输许可:oversize "
     "vehicle permit",
     "出租汽车驾驶员从业资格注册:taxi driver registration;道路运输证补办:road transport "
     "certificate reissue;公交线路优化建议受理:bus route suggestions;"
     "交通运输信用修复:transport credit repair"),
    ("finance", "财政局", "Finance Bureau", "财政局", "财", "财政、金融、审计",
     "预算绩效管理:budget performance management;政府采购监管:government procurement oversight;"
     "国有资产管理:state asset management;非税收入管理:non-tax revenue;"
     "政府债务管理:government debt management;财政直达资金:direct fiscal transfers;"
     "会计监督:accounting supervision;惠民惠农补贴:subsidies to households and farmers;"
     "预决算公开:budget disclosure;财政票据管理:fiscal receipts;"
     "政府投资基金:government investment funds;财会人才培养:training of accountants",
     "代理记账资格审批:bookkeeping agency approval;会计师事务所分所备案:accounting firm branch "
     "filing;政府采购代理机构登记:procurement agency registration",
     "会计人员信息采集:registration of accountants;政府采购投诉处理:procurement complaints;"
     "财政票据领购:purchase of fiscal receipts;惠民补贴查询:subsidy enquiries"),
    ("hrss", "人力资源和社会保障局", "Human Resources and Social Security Bureau", "人社局", "人社",
     "劳动、人事、监察",
     "就业创业服务:employment and entrepreneurship;社会保险经办:social insurance;"
     "劳动保障监察:labour inspection;职业技能培训:vocational skills training;"
     "人才引进服务:talent attraction;劳动人事争议仲裁:labour dispute arbitration;"
     "根治欠薪:ending wage arrears;工伤认定:work injury recognition;"
     "养老保险待遇:pension benefits;事业单位公开招聘:public institution recruitment;"
     "技工教育:technical education;高校毕业生就业:graduate employment",
     "人力资源服务许可:human resources service permit;劳务派遣经营许可:labour dispatch permit;"
     "外国人来华工作许可:foreign work permit;民办职业培训学校设立:private training school approval",
     "就业创业证申领:employment certificates;失业保险金申领:unemployment benefits;"
     "社会保障卡补换:social security card replacement;工伤认定申请:work injury claims"),
    ("education", "教育局", "Education Bureau", "教育局", "教", "科技、教育",
     "学前教育普及:preschool education;义务教育优质均衡:balanced compulsory education;"
     "校园安全管理:campus safety;学生资助:student financial aid;"
     "教师队伍建设:teacher workforce;课后服务:after-school services;"
     "职业教育发展:vocational education;校外培训治理:off-campus tutoring governance;"
     "招生入学:school enrolment;学校食堂管理:school canteens;"
     "教育督导评估:education inspection;体育美育工作:sports and arts education",
     "民办学校设立审批:private school approval;幼儿园办园许可:kindergarten licence;"
     "教师资格认定:teacher qualification",
     "义务教育入学登记:school enrolment registration;学籍转接:student transfers;"
     "家庭经济困难学生资助申请:student aid applications;学历证明补办:replacement of diplomas"),
    ("civil", "民政局", "Civil Affairs Bureau", "民政局", "民", "民政、扶贫、救灾",
     "最低生活保障:minimum living allowance;养老服务体系:elderly care services;"
     "儿童福利保障:child welfare;社会组织管理:social organisations;"
     "婚姻登记服务:marriage registration;殡葬管理:funeral management;"
     "临时救助:temporary assistance;社区治理:community governance;"
     "残疾人福利:disability welfare;区划地名管理:place names;"
     "慈善事业促进:charity;志愿服务:volunteer services",
     "社会团体成立登记:registration of social groups;养老机构设立备案:elderly care facility "
     "filing;民办非企业单位登记:registration of private non-enterprise units",
     "结婚登记:marriage registration;最低生活保障申请:applications for minimum allowance;"
     "高龄津贴申领:old-age allowance;临时救助申请:temporary assistance applications"),
    ("justice", "司法局", "Justice Bureau", "司法局", "司", "公安、安全、司法",
     "公共法律服务:public legal services;法律援助:legal aid;人民调解:people's mediation;"
     "行政复议:administrative reconsideration;普法宣传:legal education;"
     "律师行业管理:regulation of lawyers;公证管理:notarial services;"
     "社区矫正:community corrections;行政执法监督:supervision of law enforcement;"
     "合法性审查:legality review;司法鉴定管理:forensic appraisal;法治政府建设:rule of law",
     "律师事务所设立许可:law firm licence;基层法律服务工作者执业核准:legal service worker "
     "licence;司法鉴定机构登记:forensic institution registration",
     "法律援助申请:legal aid applications;行政复议申请:reconsideration applications;"
     "人民调解申请:mediation requests;公证事项咨询:notarial enquiries"),
    ("natres", "自然资源和规划局", "Natural Resources and Planning Bureau", "自然资源规划局", "自然资",
     "国土资源、能源",
     "国土空间规划:spatial planning;耕地保护:farmland protection;不动产登记:real estate "
     "registration;矿产资源管理:mineral resources;地质灾害防治:geological hazard prevention;"
     "土地供应:land supply;测绘地理信息:surveying and mapping;生态修复:ecological restoration;"
     "建设用地审批:construction land approval;自然资源确权:resource rights registration;"
     "海洋资源管理:marine resources;城市更新规划:urban renewal planning",
     "建设用地规划许可:construction land planning permit;建设工程规划许可:construction project "
     "planning permit;采矿权审批:mining right approval",
     "不动产首次登记:first registration of real estate;不动产转移登记:transfer registration;"
     "抵押权登记:mortgage registration;规划条件核实:planning verification"),
    ("ecology", "生态环境局", "Ecology and Environment Bureau", "生态环境局", "环",
     "城乡建设、环境保护",
     "大气污染防治:air pollution control;水污染防治:water pollution control;"
     "土壤污染防治:soil pollution control;固体废物管理:solid waste management;"
     "环境影响评价:environmental impact assessment;排污许可管理:discharge permits;"
     "生态环境监测:environmental monitoring;噪声污染防治:noise control;"
     "碳达峰行动:carbon peaking;核与辐射安全:nuclear and radiation safety;"
     "环境执法检查:environmental inspections;饮用水水源保护:drinking water sources",
     "建设项目环境影响评价审批:EIA approval;排污许可证核发:discharge permit;"
     "危险废物经营许可:hazardous waste permit",
     "环境信访投诉:environmental complaints;排污登记:discharge registration;"
     "环境信用评价:environmental credit rating;辐射安全许可咨询:radiation safety enquiries"),
    ("housing", "住房和城乡建设局", "Housing and Urban-Rural Development Bureau", "住房城乡建设局",
     "建", "城乡建设、环境保护",
     "保障性住房:affordable housing;老旧小区改造:renovation of old neighbourhoods;"
     "物业管理:property management;建筑施工安全:construction safety;"
     "房地产市场监管:real estate market;城市燃气安全:urban gas safety;"
     "住房公积金:housing provident fund;建筑节能:building energy efficiency;"
     "工程质量监督:construction quality;城市排水防涝:urban drainage;"
     "历史建筑保护:historic buildings;建筑市场信用:construction market credit",
     "建筑工程施工许可:construction permit;商品房预售许可:pre-sale permit;"
     "燃气经营许可:gas business permit;建筑业企业资质核准:construction enterprise qualification",
     "公租房申请:public rental housing;房屋租赁登记备案:lease registration;"
     "物业服务投诉:property service complaints;住房公积金提取:provident fund withdrawals"),
    ("water", "水利局", "Water Resources Bureau", "水利局", "水", "农业、林业、水利",
     "防汛抗旱:flood and drought control;河湖长制:river and lake chiefs;"
     "水资源管理:water resources;农村供水保障:rural water supply;"
     "水土保持:soil and water conservation;水利工程建设:water projects;"
     "节约用水:water saving;水库安全运行:reservoir safety;"
     "河道采砂管理:river sand mining;灌区现代化改造:irrigation modernisation;"
     "山洪灾害防治:flash flood prevention;水环境治理:water environment",
     "取水许可:water abstraction permit;河道管理范围内建设项目审批:river course project approval;"
     "水土保持方案审批:soil conservation plan approval",
     "取水计量设施验收:abstraction meter acceptance;农村饮水问题受理:rural drinking water "
     "complaints;防汛物资调用:flood supplies;节水载体认定:water-saving recognition"),
    ("agri", "农业农村局", "Agriculture and Rural Affairs Bureau", "农业农村局", "农",
     "农业、林业、水利",
     "粮食生产:grain production;高标准农田建设:high-standard farmland;"
     "农产品质量安全:agricultural product safety;动物防疫:animal epidemic prevention;"
     "农村人居环境整治:rural living environment;乡村产业振兴:rural industries;"
     "农业机械化:farm mechanisation;种业振兴:seed industry;"
     "农村集体经济:rural collective economy;农药化肥减量:fertiliser reduction;"
     "渔业资源保护:fishery resources;农民合作社培育:farmers' cooperatives",
     "农药经营许可:pesticide business permit;兽药经营许可:veterinary drug permit;"
     "种子生产经营许可:seed business permit;动物防疫条件合格证核发:animal epidemic certificate",
     "农机购置补贴申请:farm machinery subsidies;耕地地力保护补贴:farmland subsidies;"
     "家庭农场名录登记:family farm registration;农村宅基地审批咨询:rural homestead enquiries"),
    ("commerce", "商务局", "Commerce Bureau", "商务局", "商", "商贸、海关、旅游",
     "外贸稳规模:foreign trade;招商引资:investment promotion;消费促进:consumption promotion;"
     "电子商务发展:e-commerce;外商投资服务:foreign investment services;"
     "商贸流通体系:distribution networks;成品油市场管理:fuel market;"
     "单用途预付卡:prepaid cards;老字号保护:time-honoured brands;"
     "会展经济:exhibitions;跨境电商综试区:cross-border e-commerce zone;"
     "县域商业体系:county commerce",
     "成品油零售经营资格审批:fuel retail approval;拍卖企业设立许可:auction company licence;"
     "报废机动车回收企业资质认定:vehicle recycling qualification",
     "对外贸易经营者备案:foreign trade registration;外商投资企业信息报告:foreign investment "
     "reports;单用途预付卡备案:prepaid card filing;展会备案:exhibition filing"),
    ("culture", "文化广电旅游局", "Culture, Radio, Television and Tourism Bureau", "文化广电旅游局",
     "文旅", "文化、广电、新闻出版",
     "公共文化服务:public cultural services;文物保护利用:heritage conservation;"
     "非物质文化遗产:intangible cultural heritage;旅游市场秩序:tourism market order;"
     "文化市场执法:cultural market enforcement;全域旅游:all-for-one tourism;"
     "广播电视公共服务:public broadcasting;文艺精品创作:arts creation;"
     "景区安全管理:scenic area safety;旅游民宿发展:guesthouses;"
     "图书馆建设:libraries;群众文化活动:community culture",
     "营业性演出审批:commercial performance approval;娱乐场所经营许可:entertainment venue "
     "licence;旅行社设立许可:travel agency licence;互联网上网服务营业场所许可:internet cafe licence",
     "文物保护单位修缮审核:heritage repair review;导游证申领:tour guide licences;"
     "旅游投诉受理:tourism complaints;公共文化场馆预约:booking cultural venues"),
    ("safety", "应急管理局", "Emergency Management Bureau", "应急管理局", "应急",
     "市场监管、安全生产监管",
     "安全生产监管:work safety;危险化学品管理:hazardous chemicals;防灾减灾救灾:disaster relief;"
     "森林防灭火:forest fire prevention;应急预案管理:emergency plans;"
     "应急救援队伍:rescue teams;工贸企业安全:industrial and trade safety;"
     "自然灾害风险普查:natural hazard surveys;应急物资储备:emergency supplies;"
     "安全生产执法:work safety enforcement;地震应急:earthquake response;"
     "避难场所建设:emergency shelters",
     "危险化学品经营许可:hazardous chemicals permit;烟花爆竹经营许可:fireworks permit;"
     "非煤矿山安全生产许可:non-coal mine safety permit",
     "安全生产举报受理:work safety reports;特种作业操作证查询:special operation certificates;"
     "灾害救助申请:disaster assistance;应急预案备案:emergency plan filing"),
    ("audit", "审计局", "Audit Bureau", "审计局", "审", "财政、金融、审计",
     "预算执行审计:budget execution audit;经济责任审计:accountability audit;"
     "政府投资审计:government investment audit;民生资金审计:audit of welfare funds;"
     "审计整改:audit rectification;国有企业审计:state enterprise audit;"
     "自然资源资产审计:natural resource asset audit;内部审计指导:internal audit;"
     "专项资金审计:special fund audit;审计信息化:audit informatisation;"
     "政策落实跟踪审计:policy follow-up audit;审计质量控制:audit quality",
     "内部审计机构备案:internal audit filing;社会审计业务核查:social audit review",
     "审计整改情况查询:rectification enquiries;审计举报受理:audit reports;"
     "内部审计业务指导:internal audit guidance"),
    ("stats", "统计局", "Statistics Bureau", "统计局", "统", "国民经济管理、国有资产监管",
     "统计数据质量:statistical data quality;经济普查:economic census;"
     "人口抽样调查:population sample survey;统计执法检查:statistical enforcement;"
     "规模以上工业统计:industrial statistics;服务业统计:services statistics;"
     "农业统计调查:agricultural statistics;统计信息发布:statistical releases;"
     "统计联网直报:online statistical reporting;民生统计:living standards statistics;"
     "统计信用管理:statistical credit;统计服务:statistical services",
     "涉外调查机构资格认定:foreign survey qualification;统计调查项目审批:survey approval",
     "统计数据查询:statistical data requests;统计登记:statistical registration;"
     "统计证明出具:statistical certificates"),
    ("medsec", "医疗保障局", "Healthcare Security Bureau", "医疗保障局", "医保", "卫生、体育",
     "医保基金监管:medical insurance fund supervision;药品集中带量采购:volume-based drug "
     "procurement;异地就医结算:cross-region settlement;长期护理保险:long-term care insurance;"
     "医疗救助:medical assistance;医保支付方式改革:payment reform;"
     "医保定点管理:designated providers;门诊共济保障:outpatient mutual aid;"
     "医疗服务价格:medical service prices;城乡居民医保参保:resident insurance enrolment;"
     "医保信息化:medical insurance informatisation;医保经办服务:medical insurance services",
     "医保定点医疗机构协议管理:designated hospital agreements;医保定点零售药店协议管理:designated "
     "pharmacy agreements",
     "异地就医备案:cross-region treatment filing;医保关系转移接续:transfer of insurance;"
     "门诊慢特病认定:chronic disease recognition;医疗费用零星报销:reimbursements"),
    ("sports", "体育局", "Sports Bureau", "体育局", "体", "卫生、体育",
     "全民健身:fitness for all;青少年体育:youth sports;体育赛事:sports events;"
     "体育场馆开放:sports venues;体育产业发展:sports industry;"
     "社会体育指导员:fitness instructors;竞技体育:competitive sports;"
     "体育彩票公益金:lottery funds;户外运动:outdoor sports;"
     "体育设施建设:sports facilities;国民体质监测:fitness monitoring;体育社会组织:sports associations",
     "高危险性体育项目经营许可:high-risk sports permit;举办健身气功活动审批:qigong activity "
     "approval",
     "体育赛事活动备案:sports event filing;公共体育场馆预约:booking sports venues;"
     "运动员等级称号审批:athlete grading"),
    ("veterans", "退役军人事务局", "Veterans Affairs Bureau", "退役军人事务局", "退役", "其他",
     "退役军人安置:veteran resettlement;就业创业扶持:veteran employment;优抚对象抚恤:pensions for "
     "entitled groups;烈士纪念设施:martyrs' memorials;光荣院建设:honour homes;"
     "双拥工作:support for the military;退役军人服务站:veteran service stations;"
     "褒扬纪念:commemoration;军休干部服务:retired officers;退役军人权益维护:veterans' rights;"
     "困难帮扶:hardship support;悬挂光荣牌:honour plaques",
     "烈士评定审核:martyr recognition review",
     "退役士兵自主就业一次性经济补助:veteran lump-sum grants;优待证申领:preferential cards;"
     "伤残等级评定:disability assessment;退役军人档案接收:veteran records"),
    ("dev", "发展和改革委员会", "Development and Reform Commission", "发展改革委", "发改",
     "国民经济管理、国有资产监管",
     "重大项目建设:major projects;营商环境优化:business environment;价格管理:price management;"
     "社会信用体系:social credit;粮食安全储备:grain reserves;能源保障:energy security;"
     "区域协调发展:regional development;节能降碳:energy saving;"
     "政府投资管理:government investment;民营经济发展:private economy;"
     "服务业高质量发展:services development;以工代赈:work relief",
     "企业投资项目核准:enterprise investment approval;固定资产投资项目节能审查:energy review;"
     "粮食收购资格认定:grain purchase qualification",
     "企业投资项目备案:investment project filing;信用修复申请:credit repair;"
     "价格认定申请:price determination;政府定价成本监审:cost review"),
    ("industry", "经济和信息化局", "Economy and Information Technology Bureau", "经信局", "经信",
     "工业、交通",
     "制造业高质量发展:advanced manufacturing;中小企业服务:SME services;"
     "数字经济发展:digital economy;工业节能:industrial energy saving;"
     "技术改造:technological upgrading;专精特新企业培育:specialised SMEs;"
     "工业互联网:industrial internet;新能源汽车推广:new energy vehicles;"
     "电力保障:power supply;无线电管理:radio management;"
     "产业园区建设:industrial parks;5G网络建设:5G networks",
     "民用爆炸物品销售许可:civil explosives permit;无线电台执照核发:radio station licence",
     "技术改造项目备案:upgrade project filing;中小企业服务券申领:SME vouchers;"
     "工业企业技术中心认定:technology centre recognition"),
    ("science", "科学技术局", "Science and Technology Bureau", "科技局", "科", "科技、教育",
     "科技创新平台:innovation platforms;高新技术企业:high-tech enterprises;"
     "科技成果转化:technology transfer;科技人才:science talent;"
     "科技金融:technology finance;科普工作:science popularisation;"
     "研发费用加计扣除:R&D deductions;科技特派员:science commissioners;"
     "重点研发计划:key R&D programmes;创新券:innovation vouchers;"
     "科研诚信:research integrity;孵化器建设:incubators",
     "实验动物许可:laboratory animal permit;技术合同认定登记:technology contract registration",
     "科技型中小企业评价:tech SME assessment;创新券兑付:innovation voucher redemption;"
     "科技项目申报:science project applications"),
]

DISTRICTS = [(a + b, c + d) for a, c in (("东", "dong"), ("西", "xi"), ("南", "nan"),
                                         ("北", "bei"), ("中", "zhong"))
             for b, d in (("湖", "hu"), ("山", "shan"), ("溪", "xi"), ("江", "jiang"),
                          ("岭", "ling"))]
"""Twenty-five district names: departments past the city's own are district bureaus."""

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
GIVEN = ("建国 丽华 志强 晓东 海燕 文斌 雅琴 振华 立新 国强 丽娟 建平 秀英 明辉 晓峰 红梅 永康 "
         "春燕 伟民 静怡 德胜 玉兰 宏伟 淑芬 俊杰 慧敏 家豪 雪梅 长青 桂英").split()
ROADS = ("市民大道 人民路 解放路 建设路 中山路 滨江路 锦绣路 文化路 新华路 和平路 迎宾大道 "
         "云锦路 学府路 兴业路 长安街").split()
INDUSTRIES = pairs(
    "餐饮管理:Catering Management;商贸:Trading;建筑工程:Construction;物流:Logistics;"
    "电子科技:Electronics;食品:Food;医药连锁:Pharmacy Chain;物业服务:Property Services;"
    "机械制造:Machinery;新材料:New Materials;农业开发:Agricultural Development;"
    "文化传媒:Culture and Media;旅游开发:Tourism Development;信息技术:Information Technology")
FIRM_WORDS = "恒信 鑫源 华泰 宏达 瑞丰 金桥 远航 博雅 嘉禾 盛世 新锐 顺安 康宁 德润 和美 天成".split()

LAWS = [
    "《中华人民共和国行政许可法》", "《中华人民共和国行政处罚法》", "《中华人民共和国政府信息公开条例》",
    "《中华人民共和国预算法》", "《中华人民共和国安全生产法》", "《中华人民共和国食品安全法》",
    "《中华人民共和国劳动合同法》", "《中华人民共和国环境保护法》", "《中华人民共和国城乡规划法》",
    "《中华人民共和国政府采购法》", "《中华人民共和国统计法》", "《中华人民共和国突发事件应对法》",
    "《优化营商环境条例》", "《重大行政决策程序暂行条例》", "《中华人民共和国行政强制法》",
    "《中华人民共和国社会保险法》", "《中华人民共和国教育法》", "《中华人民共和国水法》",
    "《中华人民共和国消费者权益保护法》", "《中华人民共和国土地管理法》", "《中华人民共和国公路法》",
    "《中华人民共和国基本医疗卫生与健康促进法》", "《中华人民共和国档案法》", "《保障中小企业款项支付条例》",
]
ARTICLES = ("第三条 第五条 第八条 第十二条 第十六条 第二十条 第二十二条 第二十九条 第三十一条 "
            "第三十五条 第四十二条 第五十条 第五十八条 第六十三条").split()

ACTORS = ("各县（区）人民政府 各有关单位 市直各部门 局机关各科室 各乡镇人民政府（街道办事处） "
          "各行业协会 相关企业 各级主管部门 属地监管部门 基层执法队伍 各服务窗口 局属各事业单位").split()
VERBS = ("加强 推进 落实 完善 健全 优化 规范 深化 强化 提升 统筹 推动 开展 组织实施 持续推进 "
         "全面落实 加快推进 扎实做好 进一步规范 着力提升 大力推行 稳步推进 认真贯彻 切实加强 "
         "积极探索 全面推行 建立健全 不断完善 系统推进 精准实施").split()
GENERAL = pairs(
    "政务服务:government services;营商环境:business environment;行政审批制度改革:approval reform;"
    "事中事后监管:ongoing supervision;信用体系建设:credit system;数字政府建设:digital government;"
    "基层治理:grassroots governance;依法行政:law-based administration;政务公开:open government;"
    "风险防控:risk control;民生保障:public welfare;项目建设:project construction;"
    "资金管理:fund management;绩效评价:performance evaluation;标准化建设:standardisation;"
    "队伍建设:workforce development;作风建设:work style;服务质量:service quality;"
    "监督检查:supervision and inspection;宣传培训:publicity and training;"
    "数据共享:data sharing;一网通办:one-stop online services;跨省通办:cross-province services;"
    "帮办代办:assisted applications;首问负责制:first-contact responsibility;"
    "容缺受理:acceptance with pending documents;告知承诺制:notification and commitment;"
    "双随机一公开:random inspections;包容审慎监管:inclusive supervision;"
    "安全隐患排查:hazard checks;应急值守:emergency duty;舆情回应:responses to public concerns;"
    "考核评价:assessment;制度建设:institution building;档案管理:records management;"
    "统计监测:statistical monitoring;联合执法:joint enforcement;社会监督:public oversight")
MECHANISMS = ("工作专班 联席会议制度 台账管理 清单化管理 闭环管理机制 定期通报制度 督查督办机制 "
              "信息报送制度 一次性告知制度 限时办结制度 首接负责制 服务评价制度 风险会商机制 "
              "分级分类监管 网格化管理 动态调整机制 部门协同机制 容错纠错机制").split()
GOALS = ("群众满意度明显提升 办事时限平均压缩一半以上 监管效能显著增强 重点任务全部按期完成 "
         "风险隐患动态清零 服务事项实现全程网办 政策红利直达快享 制度体系更加健全 "
         "基层负担切实减轻 工作质效稳步提高 数据共享率达到百分之九十以上 "
         "各项指标位居全省前列").split()
REASONS = ("为深入贯彻落实党中央、国务院决策部署 为进一步优化营商环境 为切实保障人民群众合法权益 "
           "为推动全市经济社会高质量发展 为规范行政权力运行 为提升政务服务标准化、规范化、便利化水平 "
           "为防范化解重大风险 为回应社会关切 按照省委、省政府工作部署 根据上级有关文件精神 "
           "结合本市实际").split()
PLACES = ("市行政服务中心 各县（区）政务服务中心 乡镇（街道）便民服务中心 社区（村）便民服务站 "
          "示例市政务服务网 “示例办”移动端 12345政务服务便民热线 自助服务终端").split()
NUMERALS = "一二三四五六七八九十"

EN_VERBS = ("strengthen improve standardise promote implement streamline deepen coordinate "
            "expand upgrade simplify modernise support monitor enforce").split()
EN_ACTORS = ("district governments, all departments concerned, service centres, township "
             "governments, industry associations, the enterprises concerned, local regulators, "
             "inspection teams, the bureau's divisions, public institutions").split(", ")
EN_GOALS = ("higher public satisfaction, shorter processing times, stronger oversight, timely "
            "delivery of every task, fewer hazards, fully online services, faster access to "
            "policy support, a sounder set of rules, less red tape for residents, better quality "
            "of work").split(", ")
